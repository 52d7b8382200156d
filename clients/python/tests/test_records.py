"""The typed objects against the .avsc files they mirror, and their tolerance of newer writers. No broker."""
from __future__ import annotations

import json
import re
from dataclasses import MISSING, fields
from datetime import datetime, timezone
from pathlib import Path

import pytest

from rollstream_client import (Attempt, DeadLetter, FinishReason, GradedAttempt, Message, Prompt, PromptOrigin,
                               ProtocolTemplate, Role, Trajectory, Verdict, topics)
from rollstream_client.records import AVRO_TYPES, ENUMS, snake_case

REPO = Path(__file__).resolve().parents[3]
AVRO_DIR = REPO / "schemas" / "src" / "main" / "avro"
# The first schemas, before records were lean; records written with them stay on the -v1 topics.
EMBEDDED_V1_DIR = REPO / "schemas" / "src" / "main" / "resources" / "io" / "rollstream" / "schemas" / "avro" / \
    "embedded-v1"
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


def prompt_dict(**changes) -> dict:
    prompt = {"episodeId": "e1", "questionId": "q1", "groupId": "e1", "groupSize": 1, "attempt": 1, "maxAttempts": 2,
              "messages": [{"role": "USER", "content": "Compute 1+1."}], "responsePrefix": None, "origin": "FRESH",
              "tokenBudget": 0, "tokensUsed": 0, "maxNewTokens": 48, "temperature": None, "policyVersion": None,
              "createdAt": datetime(2026, 1, 1, tzinfo=timezone.utc), "template": "COMPACT", "promptId": "e1/1",
              "policyName": "multi-attempt-r1", "runId": "r1"}
    prompt.update(changes)
    return prompt


def attempt_dict(**changes) -> dict:
    attempt = {"episodeId": "e1", "attempt": 1, "response": "\\boxed{2}", "promptTokenIds": [1, 2],
               "responseTokenIds": [3], "logProbs": [-0.5], "temperature": 1.0, "topP": 1.0, "finishReason": "BOXED",
               "policyVersion": 3, "actorId": "a1", "startedAt": datetime(2026, 1, 1, tzinfo=timezone.utc),
               "finishedAt": datetime(2026, 1, 1, 0, 0, 1, tzinfo=timezone.utc), "promptId": "e1/1",
               "policyName": "multi-attempt-r1", "runId": "r1"}
    attempt.update(changes)
    return attempt


def graded_dict(**changes) -> dict:
    graded = {"episodeId": "e1", "attempt": 1, "attemptRecord": attempt_dict(), "extractedAnswer": "2",
              "verdict": "CORRECT", "verdictReason": None, "reward": 1.0, "feedback": None, "closesEpisode": True,
              "graderVersion": "1.0.0", "gradingMicros": 12,
              "gradedAt": datetime(2026, 1, 1, 0, 0, 2, tzinfo=timezone.utc), "policyName": "multi-attempt-r1",
              "runId": "r1"}
    graded.update(changes)
    return graded


def trajectory_dict(**changes) -> dict:
    trajectory = {"episodeId": "e1", "questionId": "q1", "groupId": "e1", "groupSize": 1, "maxAttempts": 2,
                  "origin": "FRESH", "attempts": [graded_dict()], "outcome": "SOLVED", "terminalReward": 1.0,
                  "tokensUsed": 1, "policyVersions": [3], "graderVersion": "1.0.0",
                  "openedAt": datetime(2026, 1, 1, 0, 0, 2, tzinfo=timezone.utc),
                  "closedAt": datetime(2026, 1, 1, 0, 0, 2, tzinfo=timezone.utc),
                  "messages": [{"role": "USER", "content": "Compute 1+1."}], "responsePrefix": None,
                  "tokenBudget": 0, "template": "COMPACT", "policyName": "multi-attempt-r1", "runId": "r1"}
    trajectory.update(changes)
    return trajectory


def test_nested_records_and_enums_become_typed():
    g = GradedAttempt.from_avro(graded_dict())
    assert g.verdict is Verdict.CORRECT and g.attempt_record.policy_version == 3
    assert isinstance(g.attempt_record, Attempt) and g.attempt_record.finish_reason is FinishReason.BOXED
    assert (g.policy_name, g.run_id, g.attempt_record.prompt_id) == ("multi-attempt-r1", "r1", "e1/1")
    t = Trajectory.from_avro(trajectory_dict())
    assert t.messages == [Message(role=Role.USER, content="Compute 1+1.")]
    assert t.template is ProtocolTemplate.COMPACT and t.attempts == [g]
    p = Prompt.from_avro(prompt_dict())
    assert p.origin is PromptOrigin.FRESH and p.messages == t.messages and p.prompt_id == g.attempt_record.prompt_id


def test_fields_of_a_newer_writer_are_kept_in_extra():
    data = graded_dict(judgeModel="checker-2")
    data["attemptRecord"]["seed"] = 7
    g = GradedAttempt.from_avro(data)
    assert g.extra == {"judgeModel": "checker-2"}
    assert g.attempt_record.extra == {"seed": 7}
    assert g == GradedAttempt.from_avro(graded_dict())


def test_an_attempt_of_the_embedded_schema_keeps_its_prompt_in_extra():
    """Written before attempts referred to their prompt: no prompt id, policy or run, the prompt embedded."""
    old = {k: v for k, v in attempt_dict().items() if k not in ("promptId", "policyName", "runId")}
    old_prompt = {k: v for k, v in prompt_dict().items() if k not in ("promptId", "policyName", "runId")}
    a = Attempt.from_avro(dict(old, prompt=old_prompt))
    assert (a.prompt_id, a.policy_name, a.run_id) == ("", "", "")
    assert a.extra == {"prompt": old_prompt}
    assert Prompt.from_avro(a.extra["prompt"]).messages == [Message(role=Role.USER, content="Compute 1+1.")]


def test_a_trajectory_of_the_embedded_schema_reads_with_the_defaults():
    old = {k: v for k, v in trajectory_dict().items()
           if k not in ("messages", "responsePrefix", "tokenBudget", "template", "policyName", "runId")}
    t = Trajectory.from_avro(old)
    assert (t.messages, t.response_prefix, t.token_budget, t.template) == ([], None, 0, ProtocolTemplate.PAPER)
    assert (t.policy_name, t.run_id, t.extra) == ("", "", {})


@pytest.mark.parametrize("name", sorted(n for n in AVRO_TYPES if (EMBEDDED_V1_DIR / f"{n}.avsc").exists()))
def test_records_of_the_embedded_schemas_have_every_field_the_dataclass_requires(name):
    schema = json.loads((EMBEDDED_V1_DIR / f"{name}.avsc").read_text(encoding="utf-8"))
    old = {snake_case(f["name"]) for f in schema["fields"]}
    required = {f.name for f in fields(AVRO_TYPES[name])
                if f.name != "extra" and f.default is MISSING and f.default_factory is MISSING}
    assert required <= old, f"{name}: {sorted(required - old)} missing from records written before"


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
