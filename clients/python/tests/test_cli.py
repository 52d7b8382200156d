"""The command line's parsing; reading through it is tested against a broker in test_pipeline.py."""
from rollstream_client.cli import attach_times, parser


def test_times_may_start_with_a_minus():
    args = parser().parse_args(attach_times(["graded", "--from", "-1h", "--to", "-5m", "--json"]))
    assert (args.start, args.end, args.json) == ("-1h", "-5m", True)


def test_defaults_are_the_last_hour_from_the_environment(monkeypatch):
    monkeypatch.setenv("ROLLSTREAM_BOOTSTRAP_SERVERS", "kafka-1:9092")
    args = parser().parse_args(["trajectories"])
    assert (args.start, args.end, args.bootstrap_servers) == ("-1h", "now", "kafka-1:9092")
