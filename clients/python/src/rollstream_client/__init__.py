"""Typed, time-windowed reading of Rollstream's Kafka topics with Confluent's confluent-kafka client.

    from datetime import datetime, timedelta, timezone
    from rollstream_client import RollstreamReader

    end = datetime.now(timezone.utc)
    with RollstreamReader("localhost:9092", "http://localhost:8081") as reader:
        for graded in reader.graded(end - timedelta(hours=1), end):
            print(graded.episode_id, graded.attempt, graded.verdict, graded.reward)
"""
from . import topics
from .reader import PartitionRange, Record, RollstreamReader, UnreadableRecordError
from .records import (Attempt, DeadLetter, Decoding, FinishReason, GradedAttempt, Message, Outcome, PolicyVersion,
                      Prompt, PromptOrigin, ProtocolTemplate, Question, Role, Trajectory, Verdict)
from .timeparse import parse_time

__all__ = [
    "Attempt", "DeadLetter", "Decoding", "FinishReason", "GradedAttempt", "Message", "Outcome", "PartitionRange",
    "PolicyVersion", "Prompt", "PromptOrigin", "ProtocolTemplate", "Question", "Record", "Role",
    "RollstreamReader", "Trajectory", "UnreadableRecordError", "Verdict", "parse_time", "topics",
]
