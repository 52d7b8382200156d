"""The typed objects against the .avsc files they mirror, and their tolerance of newer writers. No broker."""
from __future__ import annotations

import json
import re
from dataclasses import MISSING, fields
from datetime import datetime, timezone
from pathlib import Path

import pytest

from rollstream_client import DeadLetter, GradedAttempt, Message, Prompt, PromptOrigin, Role, Verdict, topics
from rollstream_client.records import AVRO_TYPES, ENUMS, snake_case

REPO = Path(__file__).resolve().parents[3]
AVRO_DIR = REPO / "schemas" / "src" / "main" / "avro"
TOPICS_JAVA = REPO / "schemas" / "src" / "main" / "java" / "io" / "rollstream" / "schemas" / "topics" / "Topics.java"


def avro_types() -> dict:
    """Every named record and enum the .avsc files define, inline definitions included."""
    named = {}

    def walk(schema):
        if isinstance(schema, dict):
            if schema.get("type") in ("record", "enum"):
                named[schema["name"]] = schema
            for f in schema.get("fields", []):
                walk(f["type"])
            for key in ("items", "values"):
                walk(schema.get(key))
        elif isinstance(schema, list):
            for s in schema:
                walk(s)

    for path in sorted(AVRO_DIR.glob("*.avsc")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return named


@pytest.mark.parametrize("name", sorted(AVRO_TYPES))
def test_dataclass_fields_mirror_the_avro_record(name):
    schema = avro_types()[name]
    avro_fields = {f["name"]: f for f in schema["fields"]}
    py_fields = {f.name: f for f in fields(AVRO_TYPES[name]) if f.name != "extra"}
    by_snake = {snake_case(n): n for n in avro_fields}
    assert set(py_fields) <= set(by_snake), f"{name} has fields its schema lacks"
    for snake, avro_name in by_snake.items():
        has_default = "default" in avro_fields[avro_name]
        if snake not in py_fields:
            # A field added after this client was written must have a default (BACKWARD evolution);
            # records carrying it decode into ``extra``.
            assert has_default, f"{name}.{avro_name} is required but the dataclass lacks it"
            continue
        py_default = py_fields[snake].default is not MISSING or py_fields[snake].default_factory is not MISSING
        assert py_default == has_default, f"{name}.{avro_name}: default in schema {has_default}, in dataclass {py_default}"


@pytest.mark.parametrize("name", sorted(ENUMS))
def test_enum_symbols_exist_in_the_schema(name):
    assert [m.value for m in ENUMS[name]] == avro_types()[name]["symbols"][:len(ENUMS[name])]


def test_topic_names_are_the_java_catalogs():
    java = TOPICS_JAVA.read_text(encoding="utf-8")
    names = re.findall(r'new Topic<>\("([^"]+)"', java)
    assert [t.name for t in topics.ALL] == [n for n in names if not n.startswith("_")]


def graded_dict(**changes) -> dict:
    message = {"role": "USER", "content": "Compute 1+1."}
    prompt = {"episodeId": "e1", "questionId": "q1", "groupId": "e1", "groupSize": 1, "attempt": 1, "maxAttempts": 2,
              "messages": [message], "responsePrefix": None, "origin": "FRESH", "tokenBudget": 0, "tokensUsed": 0,
              "maxNewTokens": 48, "temperature": None, "policyVersion": None,
              "createdAt": datetime(2026, 1, 1, tzinfo=timezone.utc), "template": "COMPACT"}
    attempt = {"episodeId": "e1", "attempt": 1, "prompt": prompt, "response": "\\boxed{2}", "promptTokenIds": [1, 2],
               "responseTokenIds": [3], "logProbs": [-0.5], "temperature": 1.0, "topP": 1.0, "finishReason": "BOXED",
               "policyVersion": 3, "actorId": "a1", "startedAt": datetime(2026, 1, 1, tzinfo=timezone.utc),
               "finishedAt": datetime(2026, 1, 1, 0, 0, 1, tzinfo=timezone.utc)}
    graded = {"episodeId": "e1", "attempt": 1, "attemptRecord": attempt, "extractedAnswer": "2", "verdict": "CORRECT",
              "verdictReason": None, "reward": 1.0, "feedback": None, "closesEpisode": True, "graderVersion": "1.0.0",
              "gradingMicros": 12, "gradedAt": datetime(2026, 1, 1, 0, 0, 2, tzinfo=timezone.utc)}
    graded.update(changes)
    return graded


def test_nested_records_and_enums_become_typed():
    g = GradedAttempt.from_avro(graded_dict())
    assert g.verdict is Verdict.CORRECT and g.attempt_record.policy_version == 3
    assert isinstance(g.attempt_record.prompt, Prompt) and g.attempt_record.prompt.origin is PromptOrigin.FRESH
    assert g.attempt_record.prompt.messages == [Message(role=Role.USER, content="Compute 1+1.")]


def test_fields_of_a_newer_writer_are_kept_in_extra():
    data = graded_dict(policyName="multi-attempt")
    data["attemptRecord"]["prompt"]["runId"] = "run-7"
    g = GradedAttempt.from_avro(data)
    assert g.extra == {"policyName": "multi-attempt"}
    assert g.attempt_record.prompt.extra == {"runId": "run-7"}
    assert g == GradedAttempt.from_avro(graded_dict())


def test_an_enum_symbol_added_later_arrives_as_text():
    g = GradedAttempt.from_avro(graded_dict(verdict="PARTIAL"))
    assert g.verdict == "PARTIAL" and not isinstance(g.verdict, Verdict)


def test_a_record_missing_a_required_field_fails_naming_the_type():
    data = graded_dict()
    del data["graderVersion"]
    with pytest.raises(ValueError, match="not a GradedAttempt"):
        GradedAttempt.from_avro(data)


def test_dead_letter_reads_the_rejecting_components_headers():
    headers = {f"rollstream.dlq.{k}": v.encode() for k, v in {
        "source.topic": "rl-attempts-v1", "source.partition": "3", "source.offset": "41",
        "error.class": "org.apache.kafka.common.errors.SerializationException", "error.message": "bad magic byte",
        "reason": "UNREADABLE", "component": "grader-1.0.0"}.items()}
    letter = DeadLetter.from_kafka(b"k", b"\x01junk", headers)
    assert (letter.source_partition, letter.source_offset, letter.reason) == (3, 41, "UNREADABLE")
    del headers["rollstream.dlq.reason"]
    with pytest.raises(ValueError, match="rollstream.dlq.reason"):
        DeadLetter.from_kafka(b"k", b"\x01junk", headers)


def test_enums_print_as_their_symbols():
    assert str(Verdict.CORRECT) == "CORRECT" and f"{PromptOrigin.RETRY}" == "RETRY"
    assert " ".join([Verdict.WRONG, Verdict.CORRECT]) == "WRONG CORRECT"
