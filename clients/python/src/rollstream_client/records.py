"""Typed values of Rollstream's topics, one dataclass per Avro record of ``schemas/src/main/avro``.

Each class reads the ``dict`` that Confluent's ``AvroDeserializer`` returns (decoded with the writer's
schema, so nothing is lost). Field names are the Avro names in snake case. The schemas evolve under
BACKWARD compatibility, so a newer writer may carry fields this version does not know: they are kept,
under their Avro names and as decoded, in ``extra``; so does a field a later schema removed, in records
written before (the prompt an attempt of the first schema embedded). An enum symbol added later arrives as
its plain string instead of an enum member.

Prompts, attempts, graded attempts and trajectories name their policy and run (``policy_name``,
``run_id``); both are empty in records written before policies were named, which the pipeline counts as
policy ``default``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import datetime
from enum import Enum
from typing import Any, Callable, ClassVar, Dict, List, Mapping, Optional, Type, TypeVar, Union

R = TypeVar("R", bound="AvroRecord")
E = TypeVar("E", bound=Enum)


class AvroEnum(str, Enum):
    """An Avro enum: a ``str`` equal to its symbol, printed as the symbol."""

    def __str__(self) -> str:
        return self.value


class Role(AvroEnum):
    """Speaker of a conversation turn."""
    SYSTEM = "SYSTEM"
    USER = "USER"
    ASSISTANT = "ASSISTANT"


class PromptOrigin(AvroEnum):
    """Why a prompt exists: the feeder, a retry after a wrong attempt, the learner's replay, an evaluation."""
    FRESH = "FRESH"
    RETRY = "RETRY"
    REPLAY = "REPLAY"
    EVAL = "EVAL"


class ProtocolTemplate(AvroEnum):
    """Wording of the system prompt and feedback turns."""
    PAPER = "PAPER"
    COMPACT = "COMPACT"


class FinishReason(AvroEnum):
    """Why generation of an attempt stopped."""
    BOXED = "BOXED"
    END_OF_TURN = "END_OF_TURN"
    MAX_TOKENS = "MAX_TOKENS"
    PROMPT_TOO_LONG = "PROMPT_TOO_LONG"


class Decoding(AvroEnum):
    """How an actor decodes a prompt: one sampled answer, or value-guided step-level beam search."""
    SAMPLE = "SAMPLE"
    VALUE_GUIDED_SEARCH = "VALUE_GUIDED_SEARCH"


class Verdict(AvroEnum):
    """Outcome of comparing an attempt's boxed answer with the ground truth."""
    CORRECT = "CORRECT"
    WRONG = "WRONG"
    UNFORMATTED = "UNFORMATTED"
    UNSCORABLE = "UNSCORABLE"


class Outcome(AvroEnum):
    """How an episode ended."""
    SOLVED = "SOLVED"
    FAILED = "FAILED"
    NO_ANSWER = "NO_ANSWER"
    TIMEOUT = "TIMEOUT"
    UNSCORABLE = "UNSCORABLE"


def _enum(cls: Type[E]) -> Callable[[str], Union[E, str]]:
    def convert(symbol: str) -> Union[E, str]:
        try:
            return cls(symbol)
        except ValueError:
            return symbol  # a symbol a later schema added
    return convert


def _optional(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else convert(value)


def _list_of(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda values: [convert(v) for v in values]


def snake_case(avro_name: str) -> str:
    """``responseTokenIds`` -> ``response_token_ids``."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", avro_name).lower()


class AvroRecord:
    """Builds a dataclass from a decoded Avro record, keeping the fields it does not know in ``extra``."""

    AVRO_NAME: ClassVar[str]
    # Converters for fields whose decoded form is not already the field's type (nested records, enums).
    _CONVERT: ClassVar[Mapping[str, Callable[[Any], Any]]] = {}

    @classmethod
    def from_avro(cls: Type[R], data: Mapping[str, Any]) -> R:
        if not isinstance(data, Mapping):
            raise TypeError(f"{cls.__name__} expects a decoded Avro record (a mapping), got {type(data).__name__}")
        known = {f.name for f in fields(cls) if f.name != "extra"}
        values: Dict[str, Any] = {}
        extra: Dict[str, Any] = {}
        for avro_name, value in data.items():
            name = snake_case(avro_name)
            if name in known:
                convert = cls._CONVERT.get(name)
                values[name] = convert(value) if convert is not None and value is not None else value
            else:
                extra[avro_name] = value
        try:
            return cls(**values, extra=extra)
        except TypeError as e:
            raise ValueError(f"record is not a {cls.AVRO_NAME}: {e}") from e


@dataclass(frozen=True, kw_only=True)
class Message(AvroRecord):
    """One turn of a conversation shown to the policy."""
    AVRO_NAME: ClassVar[str] = "Message"
    _CONVERT: ClassVar[Mapping[str, Callable[[Any], Any]]] = {"role": _enum(Role)}

    role: Union[Role, str]
    content: str
    extra: Dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, kw_only=True)
class Question(AvroRecord):
    """A problem with its hidden ground-truth answer (rl-questions-v1)."""
    AVRO_NAME: ClassVar[str] = "Question"

    question_id: str
    problem: str
    answer: str
    dataset: str
    split: str
    solution: Optional[str] = None
    created_at: datetime
    extra: Dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, kw_only=True)
class Prompt(AvroRecord):
    """A request for attempt k of N of an episode (rl-prompts-v1)."""
    AVRO_NAME: ClassVar[str] = "Prompt"
    _CONVERT: ClassVar[Mapping[str, Callable[[Any], Any]]] = {
        "messages": _list_of(Message.from_avro),
        "origin": _enum(PromptOrigin),
        "template": _enum(ProtocolTemplate),
        "decoding": _enum(Decoding),
    }

    episode_id: str
    question_id: str
    group_id: str
    group_size: int
    attempt: int
    max_attempts: int
    messages: List[Message]
    response_prefix: Optional[str] = None
    origin: Union[PromptOrigin, str]
    token_budget: int
    tokens_used: int
    max_new_tokens: int
    temperature: Optional[float] = None
    policy_version: Optional[int] = None
    created_at: datetime
    template: Union[ProtocolTemplate, str] = ProtocolTemplate.PAPER
    prompt_id: str = ""
    policy_name: str = ""
    run_id: str = ""
    decoding: Union[Decoding, str] = Decoding.SAMPLE
    extra: Dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, kw_only=True)
class Attempt(AvroRecord):
    """One answer an actor generated for a prompt (rl-attempts-v1).

    It names the prompt it answers by ``prompt_id`` (``<episode_id>/<attempt>``, the prompt's own
    ``prompt_id``) instead of embedding it. An attempt written with the first, embedded schema has an empty
    ``prompt_id`` and its prompt, as decoded, in ``extra["prompt"]``.
    """
    AVRO_NAME: ClassVar[str] = "Attempt"
    _CONVERT: ClassVar[Mapping[str, Callable[[Any], Any]]] = {
        "finish_reason": _enum(FinishReason),
        "decoding": _enum(Decoding),
    }

    episode_id: str
    attempt: int
    response: str
    prompt_token_ids: List[int]
    response_token_ids: List[int]
    log_probs: List[float]
    temperature: float
    top_p: float
    finish_reason: Union[FinishReason, str]
    policy_version: int
    actor_id: str
    started_at: datetime
    finished_at: datetime
    prompt_id: str = ""
    policy_name: str = ""
    run_id: str = ""
    decoding: Union[Decoding, str] = Decoding.SAMPLE
    extra: Dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, kw_only=True)
class GradedAttempt(AvroRecord):
    """An attempt after grading (rl-graded-v1)."""
    AVRO_NAME: ClassVar[str] = "GradedAttempt"
    _CONVERT: ClassVar[Mapping[str, Callable[[Any], Any]]] = {
        "attempt_record": Attempt.from_avro,
        "verdict": _enum(Verdict),
    }

    episode_id: str
    attempt: int
    attempt_record: Attempt
    extracted_answer: Optional[str] = None
    verdict: Union[Verdict, str]
    verdict_reason: Optional[str] = None
    reward: Optional[float] = None
    feedback: Optional[str] = None
    closes_episode: bool
    grader_version: str
    grading_micros: int
    graded_at: datetime
    policy_name: str = ""
    run_id: str = ""
    extra: Dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, kw_only=True)
class Trajectory(AvroRecord):
    """A closed episode: every graded attempt in order and the terminal reward (rl-trajectories-v1).

    ``messages`` is the conversation the first attempt answered, held once; the rest of the conversation is
    each attempt's response (after ``response_prefix`` on the first) and its feedback.
    """
    AVRO_NAME: ClassVar[str] = "Trajectory"
    _CONVERT: ClassVar[Mapping[str, Callable[[Any], Any]]] = {
        "origin": _enum(PromptOrigin),
        "attempts": _list_of(GradedAttempt.from_avro),
        "outcome": _enum(Outcome),
        "messages": _list_of(Message.from_avro),
        "template": _enum(ProtocolTemplate),
    }

    episode_id: str
    question_id: str
    group_id: str
    group_size: int
    max_attempts: int
    origin: Union[PromptOrigin, str]
    attempts: List[GradedAttempt]
    outcome: Union[Outcome, str]
    terminal_reward: Optional[float] = None
    tokens_used: int
    policy_versions: List[int]
    grader_version: str
    opened_at: datetime
    closed_at: datetime
    messages: List[Message] = field(default_factory=list)
    response_prefix: Optional[str] = None
    token_budget: int = 0
    template: Union[ProtocolTemplate, str] = ProtocolTemplate.PAPER
    policy_name: str = ""
    run_id: str = ""
    extra: Dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, kw_only=True)
class PolicyVersion(AvroRecord):
    """A published policy version: a claim check pointing at a weights file (rl-policy-versions-v1)."""
    AVRO_NAME: ClassVar[str] = "PolicyVersion"

    policy_name: str
    version: int
    weights_uri: str
    sha256: str
    size_bytes: int
    parent_version: Optional[int] = None
    model_config: str
    algorithm: str
    training_step: int
    metrics: Dict[str, float]
    created_at: datetime
    extra: Dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, kw_only=True)
class DeadLetter:
    """A record of rl-dlq-v1: the original key and value bytes untouched, and where and why it was rejected.

    It is not Avro: the fields come from the ``rollstream.dlq.*`` headers the rejecting component set.
    """
    key: Optional[bytes]
    value: Optional[bytes]
    source_topic: str
    source_partition: int
    source_offset: int
    error_class: str
    error_message: str
    reason: str
    component: str

    HEADER_PREFIX: ClassVar[str] = "rollstream.dlq."

    @classmethod
    def from_kafka(cls, key: Optional[bytes], value: Optional[bytes],
                   headers: Mapping[str, Optional[bytes]]) -> "DeadLetter":
        def text(name: str) -> str:
            raw = headers.get(cls.HEADER_PREFIX + name)
            if raw is None:
                raise ValueError(f"dead letter without header {cls.HEADER_PREFIX + name}")
            return raw.decode("utf-8")
        return cls(key=key, value=value, source_topic=text("source.topic"),
                   source_partition=int(text("source.partition")), source_offset=int(text("source.offset")),
                   error_class=text("error.class"), error_message=text("error.message"), reason=text("reason"),
                   component=text("component"))


#: Every Avro-backed record type, by its Avro name.
AVRO_TYPES: Mapping[str, Type[AvroRecord]] = {
    t.AVRO_NAME: t for t in (Message, Question, Prompt, Attempt, GradedAttempt, Trajectory, PolicyVersion)
}

#: Every enum, by its Avro name.
ENUMS: Mapping[str, Type[Enum]] = {
    e.__name__: e for e in (Role, PromptOrigin, ProtocolTemplate, FinishReason, Verdict, Outcome)
}
