"""Reads back, with Confluent's own deserializer, every topic a real demo run filled through Rollstream's
Java code, and checks the typed objects against each other and against what the Java side counted."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from typing import Dict, List

import pytest
from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

from conftest import DECODED, Pipeline
from test_records import EMBEDDED_V1_DIR
from rollstream_client import (Attempt, DeadLetter, FinishReason, GradedAttempt, Message, Outcome, PolicyVersion,
                               Prompt, PromptOrigin, ProtocolTemplate, Question, Record, Role, RollstreamReader,
                               UnreadableRecordError, Verdict, topics)

REWARD_BY_VERDICT = {Verdict.CORRECT: 1.0, Verdict.WRONG: -0.5, Verdict.UNFORMATTED: -1.0, Verdict.UNSCORABLE: None}
REWARD_BY_OUTCOME = {Outcome.SOLVED: 1.0, Outcome.FAILED: -0.5, Outcome.NO_ANSWER: -1.0, Outcome.TIMEOUT: None,
                     Outcome.UNSCORABLE: None}


@pytest.fixture(scope="session")
def reader(pipeline: Pipeline):
    with RollstreamReader(pipeline.broker.bootstrap_servers, pipeline.broker.schema_registry_url) as r:
        yield r


@pytest.fixture(scope="session")
def unreadable() -> List[UnreadableRecordError]:
    """Records of the window that did not decode: only the poison attempts should be among them."""
    return []


@pytest.fixture(scope="session")
def window(pipeline: Pipeline, reader: RollstreamReader, unreadable) -> Dict[str, List[Record]]:
    """Every record of every topic in the run's window, read once."""
    records = {}
    for topic in topics.ALL:
        records[topic.name] = list(reader.read(topic, pipeline.start, pipeline.end, on_unreadable=unreadable.append))
    return records


def values(window, topic) -> list:
    return [r.value for r in window[topic.name]]


def test_every_topic_decodes_into_its_type(window):
    for topic in topics.ALL:
        expected = topic.value_type or DeadLetter
        decoded = window[topic.name]
        assert decoded, f"{topic.name} has no records in the window"
        assert all(isinstance(r.value, expected) for r in decoded), topic.name
        assert all(r.value.extra == {} for r in decoded if topic.value_type), \
            f"{topic.name} has fields the client does not know"
        DECODED[f"{expected.__name__} ({topic.name})"] += len(decoded)


def test_counts_equal_what_the_java_side_counted(window, pipeline):
    counted = pipeline.results["pipeline"]
    assert len(window[topics.GRADED.name]) == counted["graded"]
    assert len(window[topics.TRAJECTORIES.name]) == counted["trajectories"]
    assert len(window[topics.DEAD_LETTERS.name]) == counted["deadLetters"] == len(pipeline.poison)
    assert counted["invariantsHold"] is True


def test_nested_values_are_typed_and_rewards_follow_verdicts(window):
    for graded in values(window, topics.GRADED):
        assert isinstance(graded.verdict, Verdict)
        assert graded.reward == REWARD_BY_VERDICT[graded.verdict]
        attempt = graded.attempt_record
        assert isinstance(attempt, Attempt) and isinstance(attempt.finish_reason, FinishReason)
        assert (attempt.episode_id, attempt.attempt) == (graded.episode_id, graded.attempt)
        assert len(attempt.log_probs) == len(attempt.response_token_ids)
        assert all(isinstance(t, int) for t in attempt.prompt_token_ids)
        assert graded.graded_at.tzinfo is not None and attempt.started_at <= attempt.finished_at


def test_trajectories_hold_exactly_the_graded_attempts_of_their_episode(window):
    graded_by_episode = defaultdict(list)
    for graded in values(window, topics.GRADED):
        graded_by_episode[graded.episode_id].append(graded)
    trajectories = values(window, topics.TRAJECTORIES)
    assert len({t.episode_id for t in trajectories}) == len(trajectories), "an episode closed twice"
    assert {t.episode_id for t in trajectories} == set(graded_by_episode)
    for t in trajectories:
        graded = sorted(graded_by_episode[t.episode_id], key=lambda g: g.attempt)
        assert t.attempts == graded
        assert [a.attempt for a in t.attempts] == list(range(1, len(t.attempts) + 1))
        assert t.policy_versions == [a.attempt_record.policy_version for a in t.attempts]
        assert t.attempts[-1].closes_episode and not any(a.closes_episode for a in t.attempts[:-1])
        assert isinstance(t.outcome, Outcome) and t.terminal_reward == REWARD_BY_OUTCOME[t.outcome]
        assert t.messages and all(isinstance(m, Message) and isinstance(m.role, Role) for m in t.messages)
        assert isinstance(t.template, ProtocolTemplate)


def test_attempts_name_the_prompt_they_answer_and_trajectories_hold_its_conversation(window):
    prompts = {p.prompt_id: p for p in values(window, topics.PROMPTS)}
    assert len(prompts) == len(window[topics.PROMPTS.name]), "two prompts share an id"
    assert all(p.prompt_id == f"{p.episode_id}/{p.attempt}" for p in prompts.values())
    assert all(isinstance(m, Message) and isinstance(m.role, Role) for p in prompts.values() for m in p.messages)
    attempts = values(window, topics.ATTEMPTS)
    assert attempts
    for attempt in attempts:
        prompt = prompts[attempt.prompt_id]
        assert (prompt.episode_id, prompt.attempt) == (attempt.episode_id, attempt.attempt)
        assert attempt.policy_name == prompt.policy_name
    first_prompts = {p.episode_id: p for p in prompts.values() if p.attempt == 1}
    for t in values(window, topics.TRAJECTORIES):
        first = first_prompts[t.episode_id]
        assert t.messages == first.messages
        assert (t.response_prefix, t.token_budget, t.template) == (first.response_prefix, first.token_budget,
                                                                   first.template)
    questions = {q.question_id for q in values(window, topics.QUESTIONS)}
    assert all(isinstance(q, Question) for q in values(window, topics.QUESTIONS))
    assert {p.question_id for p in prompts.values()} <= questions


def _named_records(window) -> list:
    """The records that name their policy and run: prompts, attempts, graded attempts and trajectories."""
    return [r.value for topic in (topics.PROMPTS, topics.ATTEMPTS, topics.GRADED, topics.TRAJECTORIES)
            for r in window[topic.name]]


def _replayed_episodes(window) -> set:
    return {p.episode_id for p in values(window, topics.PROMPTS) if p.origin is PromptOrigin.REPLAY}


def test_every_record_names_its_policy_and_run(window):
    named = _named_records(window)
    assert all(r.policy_name for r in named), "a record without a policy"
    replayed = _replayed_episodes(window)
    fed = [r for r in named if r.episode_id not in replayed]
    assert fed and all(r.run_id for r in fed), "a record without a run"
    runs = {r.run_id for r in named if r.run_id}
    assert len(runs) == 1 and re.fullmatch(r"demo-\d{8}-\d{6}", next(iter(runs))), sorted(runs)
    run = runs.pop()
    demo_policies = {f"{arm}-{run}" for arm in ("sft", "multi-attempt", "single-turn")}
    assert {r.policy_name for r in named} <= demo_policies
    assert {r.value.policy_name for r in window[topics.POLICY_VERSIONS.name]} >= {r.policy_name for r in named}
    # A graded attempt and a trajectory belong to their episode's policy and run, as every attempt in them does.
    for graded in values(window, topics.GRADED):
        assert (graded.attempt_record.policy_name, graded.attempt_record.run_id) == (graded.policy_name, graded.run_id)
    for t in values(window, topics.TRAJECTORIES):
        assert {(a.policy_name, a.run_id) for a in t.attempts} == {(t.policy_name, t.run_id)}


def test_replayed_episodes_name_their_run_too(window):
    replayed = _replayed_episodes(window)
    if not replayed:
        pytest.skip("the demo replayed nothing")
    assert all(r.run_id for r in _named_records(window) if r.episode_id in replayed)


def test_policy_versions_count_up_from_one_per_policy(window):
    by_policy = defaultdict(list)
    for record in window[topics.POLICY_VERSIONS.name]:
        assert record.key == record.value.policy_name
        by_policy[record.value.policy_name].append(record.value)
    assert len(by_policy) == 3, sorted(by_policy)  # the warm start and the two trained policies
    for name, versions in by_policy.items():
        assert [v.version for v in versions] == list(range(1, len(versions) + 1)), name
        assert all(isinstance(v, PolicyVersion) and len(v.sha256) == 64 and v.size_bytes > 0 for v in versions)
        assert all(isinstance(value, float) for v in versions for value in v.metrics.values())


def test_dead_letters_keep_the_poison_bytes_and_say_why(window, pipeline, unreadable):
    letters = {d.key: d for d in values(window, topics.DEAD_LETTERS)}
    assert set(letters) == {key for key, _ in pipeline.poison}
    for key, value in pipeline.poison:
        letter = letters[key]
        assert letter.value == value
        assert letter.source_topic == topics.ATTEMPTS.name
        assert letter.reason == "UNREADABLE"
        assert letter.component.startswith("grader")
        assert letter.error_class and letter.error_message
    # The only records that did not decode are the poison attempts the grader dead-lettered.
    assert sorted((e.topic, e.partition, e.offset) for e in unreadable) == sorted(
        (d.source_topic, d.source_partition, d.source_offset) for d in letters.values())


def test_an_unreadable_record_fails_the_read_naming_where_it_is(pipeline, reader, unreadable):
    with pytest.raises(UnreadableRecordError) as failure:
        list(reader.read(topics.ATTEMPTS, pipeline.start, pipeline.end))
    where = (failure.value.topic, failure.value.partition, failure.value.offset)
    assert where in {(e.topic, e.partition, e.offset) for e in unreadable}
    assert "{}/{}@{} is unreadable".format(*where) in str(failure.value)


def test_a_window_split_in_two_reads_each_record_once(window, pipeline, reader):
    graded = window[topics.GRADED.name]
    assert all(r.timestamp_type == "LogAppendTime" for r in graded)
    middle = sorted(r.timestamp for r in graded)[len(graded) // 2]
    before = list(reader.read(topics.GRADED, pipeline.start, middle))
    after = list(reader.read(topics.GRADED, middle, pipeline.end))
    assert before and after
    assert all(r.timestamp < middle for r in before) and all(r.timestamp >= middle for r in after)
    where = lambda records: [(r.partition, r.offset) for r in records]
    assert sorted(where(before) + where(after)) == sorted(where(graded))


def test_a_window_before_the_run_is_empty_and_returns_at_once(pipeline, reader):
    started = time.monotonic()
    assert list(reader.read(topics.GRADED, pipeline.start - timedelta(hours=1), pipeline.start)) == []
    assert reader.window_ranges(topics.TRAJECTORIES, pipeline.start - timedelta(hours=1), pipeline.start) == ()
    assert time.monotonic() - started < 10


def test_command_line_prints_the_window(window, pipeline):
    broker = pipeline.broker
    common = ["--from", pipeline.start.isoformat(), "--to", pipeline.end.isoformat(),
              "--bootstrap-servers", broker.bootstrap_servers, "--schema-registry-url", broker.schema_registry_url]
    graded = subprocess.run([sys.executable, "-m", "rollstream_client", "graded", *common, "--json"],
                            capture_output=True, text=True, timeout=120, check=True)
    lines = [json.loads(line) for line in graded.stdout.splitlines()]
    assert len(lines) == len(window[topics.GRADED.name])
    assert {line["value"]["verdict"] for line in lines} <= {v.value for v in Verdict}
    assert f"{len(lines)} graded attempts in" in graded.stderr
    text = subprocess.run([sys.executable, "-m", "rollstream_client", "trajectories", *common],
                          capture_output=True, text=True, timeout=120, check=True)
    assert len(text.stdout.splitlines()) == len(window[topics.TRAJECTORIES.name])
    bad = subprocess.run([sys.executable, "-m", "rollstream_client", "graded", "--from", "yesterday-ish"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "accepted:" in bad.stderr


def test_a_record_of_an_evolved_schema_decodes_with_its_new_fields_kept(window, pipeline, reader):
    """A later GradedAttempt schema adds fields with defaults (BACKWARD); this client must still read it."""
    registry = SchemaRegistryClient({"url": pipeline.broker.schema_registry_url})
    current = json.loads(registry.get_latest_version(f"{topics.GRADED.name}-value").schema.schema_str)
    evolved = dict(current, fields=current["fields"] + [
        {"name": "reviewer", "type": "string", "default": ""},
        {"name": "judge", "type": ["null", {"type": "record", "name": "Judge", "fields": [
            {"name": "model", "type": "string"}]}], "default": None},
    ])
    first = window[topics.GRADED.name][0]
    as_written = AvroDeserializer(registry)(_raw_value(pipeline, first),
                                            SerializationContext(topics.GRADED.name, MessageField.VALUE))
    serializer = AvroSerializer(registry, json.dumps(evolved))
    context = SerializationContext("python-client-evolution-test", MessageField.VALUE)
    data = serializer(dict(as_written, reviewer="second-grader", judge={"model": "checker"}), context)
    decoded = reader.decode_value(topics.GRADED, data)
    assert isinstance(decoded, GradedAttempt)
    assert decoded.extra == {"reviewer": "second-grader", "judge": {"model": "checker"}}
    assert decoded == first.value  # every known field as before; extra does not take part in equality


def test_an_attempt_written_with_the_embedded_schema_decodes_with_its_prompt_in_extra(window, pipeline, reader):
    """Records from before attempts referred to their prompt stay on rl-attempts-v1; they still decode."""
    registry = SchemaRegistryClient({"url": pipeline.broker.schema_registry_url})
    old_schema = _embedded_v1("Attempt")
    attempt = window[topics.ATTEMPTS.name][0]
    prompt = next(r for r in window[topics.PROMPTS.name] if r.value.prompt_id == attempt.value.prompt_id)
    deserializer = AvroDeserializer(registry)
    written = {topic: deserializer(_raw_value(pipeline, r), SerializationContext(topic, MessageField.VALUE))
               for topic, r in ((topics.ATTEMPTS.name, attempt), (topics.PROMPTS.name, prompt))}
    old_fields = {f["name"] for f in old_schema["fields"]}
    embedded = next(f["type"] for f in old_schema["fields"] if f["name"] == "prompt")
    old_prompt_fields = {f["name"] for f in embedded["fields"]}
    old_prompt = {k: v for k, v in written[topics.PROMPTS.name].items() if k in old_prompt_fields}
    old_attempt = dict({k: v for k, v in written[topics.ATTEMPTS.name].items() if k in old_fields}, prompt=old_prompt)
    data = AvroSerializer(registry, json.dumps(old_schema))(
        old_attempt, SerializationContext("python-client-embedded-v1-test", MessageField.VALUE))
    decoded = reader.decode_value(topics.ATTEMPTS, data)
    assert isinstance(decoded, Attempt)
    assert (decoded.prompt_id, decoded.policy_name, decoded.run_id) == ("", "", "")
    assert set(decoded.extra) == {"prompt"}
    assert Prompt.from_avro(decoded.extra["prompt"]).messages == prompt.value.messages
    assert (decoded.response, decoded.response_token_ids) == (attempt.value.response, attempt.value.response_token_ids)


def _embedded_v1(name: str) -> dict:
    """The first schema of ``name``, with the named types it refers to defined inline where first used."""
    def load(type_name: str) -> dict:
        return json.loads((EMBEDDED_V1_DIR / f"{type_name}.avsc").read_text(encoding="utf-8"))

    defined = set()

    def inline(schema):
        if isinstance(schema, str) and (EMBEDDED_V1_DIR / f"{schema}.avsc").exists() and schema not in defined:
            return inline(load(schema))
        if isinstance(schema, list):
            return [inline(s) for s in schema]
        if isinstance(schema, dict):
            if schema.get("type") in ("record", "enum"):
                defined.add(schema["name"])
            schema = dict(schema)
            for key in ("type", "items", "values"):
                if key in schema and not (key == "type" and schema[key] in ("record", "enum", "array", "map")):
                    schema[key] = inline(schema[key])
            if "fields" in schema:
                schema["fields"] = [inline(f) for f in schema["fields"]]
        return schema

    return inline(load(name))


def test_aborted_and_open_transactions_stay_out_and_do_not_stall_the_read(window, pipeline, reader):
    graded = window[topics.GRADED.name]
    value = _raw_value(pipeline, graded[0])
    producer = Producer({"bootstrap.servers": pipeline.broker.bootstrap_servers,
                         "transactional.id": "python-client-test", "transaction.timeout.ms": 60000})
    producer.init_transactions(30)
    producer.begin_transaction()
    producer.produce(topics.GRADED.name, key=b"aborted", value=value, partition=graded[0].partition)
    producer.flush(30)
    producer.abort_transaction(30)
    producer.begin_transaction()
    producer.produce(topics.GRADED.name, key=b"still-open", value=value, partition=graded[0].partition)
    producer.flush(30)
    try:
        started = time.monotonic()
        now = datetime.now(timezone.utc) + timedelta(seconds=1)
        records = list(reader.read(topics.GRADED, pipeline.start, now))
        assert time.monotonic() - started < 30
        assert sorted((r.partition, r.offset) for r in records) == sorted((r.partition, r.offset) for r in graded)
    finally:
        producer.abort_transaction(30)


def _raw_value(pipeline: Pipeline, record: Record) -> bytes:
    """The value bytes of a record as the broker holds them."""
    consumer = Consumer({"bootstrap.servers": pipeline.broker.bootstrap_servers, "group.id": "python-client-test",
                         "enable.auto.commit": False, "isolation.level": "read_committed"})
    try:
        consumer.assign([TopicPartition(record.topic, record.partition, record.offset)])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            message = consumer.poll(1.0)
            if message is not None and message.error() is None:
                assert message.offset() == record.offset
                return message.value()
        raise AssertionError(f"could not fetch {record.topic}/{record.partition}@{record.offset}")
    finally:
        consumer.close()
