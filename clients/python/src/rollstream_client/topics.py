"""The topics a downstream consumer reads, as ``schemas/.../topics/Topics.java`` names them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Optional, Tuple, Type, TypeVar

from .records import (AvroRecord, Attempt, DeadLetter, GradedAttempt, PolicyVersion, Prompt, Question,
                      Trajectory)

T = TypeVar("T")


@dataclass(frozen=True)
class Topic(Generic[T]):
    """A topic, the type its values decode to and whether its keys are UTF-8 text.

    ``value_type`` is an Avro record class for the Avro topics and ``None`` for the dead-letter topic,
    whose values are the original bytes.
    """
    name: str
    value_type: Optional[Type[AvroRecord]]
    text_keys: bool = True


QUESTIONS: Topic[Question] = Topic("rl-questions-v1", Question)
PROMPTS: Topic[Prompt] = Topic("rl-prompts-v1", Prompt)
ATTEMPTS: Topic[Attempt] = Topic("rl-attempts-v1", Attempt)
GRADED: Topic[GradedAttempt] = Topic("rl-graded-v1", GradedAttempt)
TRAJECTORIES: Topic[Trajectory] = Topic("rl-trajectories-v1", Trajectory)
POLICY_VERSIONS: Topic[PolicyVersion] = Topic("rl-policy-versions-v1", PolicyVersion)
DEAD_LETTERS: Topic[DeadLetter] = Topic("rl-dlq-v1", None, text_keys=False)

#: The pipeline's topics in data-flow order, as ``Topics.all()`` lists them.
ALL: Tuple[Topic, ...] = (QUESTIONS, PROMPTS, ATTEMPTS, GRADED, TRAJECTORIES, POLICY_VERSIONS, DEAD_LETTERS)


def by_name(name: str) -> Topic:
    """Looks a topic up by name; fails naming the topics there are."""
    for topic in ALL:
        if topic.name == name:
            return topic
    raise ValueError(f"unknown topic {name}; topics: {', '.join(t.name for t in ALL)}")
