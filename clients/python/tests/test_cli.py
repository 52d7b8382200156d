"""The command line's parsing and the lines it prints; reading through it is tested against a broker in
test_pipeline.py."""
from rollstream_client import GradedAttempt, Trajectory
from rollstream_client.cli import attach_times, describe_graded, describe_trajectory, parser
from test_records import graded_dict, trajectory_dict


def test_times_may_start_with_a_minus():
    args = parser().parse_args(attach_times(["graded", "--from", "-1h", "--to", "-5m", "--json"]))
    assert (args.start, args.end, args.json) == ("-1h", "-5m", True)


def test_defaults_are_the_last_hour_from_the_environment(monkeypatch):
    monkeypatch.setenv("ROLLSTREAM_BOOTSTRAP_SERVERS", "kafka-1:9092")
    args = parser().parse_args(["trajectories"])
    assert (args.start, args.end, args.bootstrap_servers) == ("-1h", "now", "kafka-1:9092")


def test_lines_name_the_policy_a_version_belongs_to():
    graded = GradedAttempt.from_avro(graded_dict())
    assert describe_graded(graded).endswith("(grader 1.0.0, policy multi-attempt-r1 v3)")
    trajectory = Trajectory.from_avro(trajectory_dict())
    assert describe_trajectory(trajectory).endswith("(policy multi-attempt-r1 versions [3])")
    # Records written before policies were named belong to the pipeline's default policy.
    assert describe_graded(GradedAttempt.from_avro(graded_dict(policyName=""))).endswith("policy default v3)")
