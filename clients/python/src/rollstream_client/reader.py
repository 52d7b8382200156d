"""Reads a time window of a Rollstream topic with confluent-kafka, decoding values with Confluent's
``AvroDeserializer`` through the schema registry.

A window is [start, end) in record timestamps. Each partition is read from the offset
``offsets_for_times`` finds for ``start`` up to the one it finds for ``end`` (or the last stable offset
when no record is that new), with ``isolation.level=read_committed``, so only committed transactions are
seen and the read stops at the window's end instead of waiting for new records. ``rl-graded-v1`` and
``rl-trajectories-v1`` use broker time (LogAppendTime), so their windows are exact; on the other topics
the timestamp is the producer's, and records outside [start, end) that lie between those offsets are
skipped.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Callable, Dict, Generic, Iterator, Mapping, Optional, Tuple, TypeVar, Union

from confluent_kafka import Consumer, KafkaError, KafkaException, Message, TopicPartition
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError
from confluent_kafka.schema_registry.avro import AvroDeserializer
from confluent_kafka.serialization import MessageField, SerializationContext, SerializationError

from . import topics
from .records import DeadLetter, GradedAttempt, Trajectory
from .timeparse import EPOCH, to_millis

T = TypeVar("T")

_TIMESTAMP_TYPES = {1: "CreateTime", 2: "LogAppendTime"}


@dataclass(frozen=True)
class Record(Generic[T]):
    """One committed record of a window: where it is, its timestamp, key, headers and typed value."""
    topic: str
    partition: int
    offset: int
    timestamp: datetime
    timestamp_type: str
    key: Union[str, bytes, None]
    value: T
    headers: Dict[str, Optional[bytes]] = field(default_factory=dict)


class UnreadableRecordError(ValueError):
    """A record in the window whose value does not decode; names where it is."""

    def __init__(self, topic: str, partition: int, offset: int, cause: Exception) -> None:
        super().__init__(f"{topic}/{partition}@{offset} is unreadable: {type(cause).__name__}: {cause}")
        self.topic, self.partition, self.offset, self.cause = topic, partition, offset, cause


@dataclass(frozen=True)
class PartitionRange:
    """Offsets [start, stop) of one partition that hold the window."""
    partition: int
    start: int
    stop: int


class RollstreamReader:
    """Reads time windows of Rollstream's topics as typed objects; use it as a context manager.

    ``consumer_config`` adds or overrides librdkafka properties (e.g. security settings);
    ``registry_config`` does the same for the ``SchemaRegistryClient``. ``idle_timeout`` is how long a
    read may make no progress before it fails instead of hanging.
    """

    def __init__(self, bootstrap_servers: str, schema_registry_url: str, *,
                 consumer_config: Optional[Mapping[str, Any]] = None,
                 registry_config: Optional[Mapping[str, Any]] = None,
                 request_timeout: float = 30.0, idle_timeout: float = 60.0) -> None:
        self._consumer_config: Dict[str, Any] = {
            "bootstrap.servers": bootstrap_servers,
            # assign() with explicit offsets never joins this group, and nothing is committed.
            "group.id": "rollstream-client-window-reader",
            "enable.auto.commit": False,
            "auto.offset.reset": "earliest",
            "isolation.level": "read_committed",
            "enable.partition.eof": True,
            **(consumer_config or {}),
        }
        self._registry = SchemaRegistryClient({"url": schema_registry_url, **(registry_config or {})})
        # No reader schema: every record decodes with its writer's schema, so fields added by newer
        # writers reach the typed objects' ``extra`` instead of being dropped.
        self._deserializer = AvroDeserializer(self._registry)
        self._request_timeout = request_timeout
        self._idle_timeout = idle_timeout

    def __enter__(self) -> "RollstreamReader":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        close = getattr(self._registry, "close", None)
        if close is not None:
            close()

    def graded(self, start: datetime, end: datetime) -> Iterator[GradedAttempt]:
        """Graded attempts whose broker timestamp is in [start, end), in offset order within each partition."""
        for record in self.read(topics.GRADED, start, end):
            yield record.value

    def trajectories(self, start: datetime, end: datetime) -> Iterator[Trajectory]:
        """Closed episodes whose broker timestamp is in [start, end), in offset order within each partition."""
        for record in self.read(topics.TRAJECTORIES, start, end):
            yield record.value

    def read(self, topic: topics.Topic[T], start: datetime, end: datetime, *,
             on_unreadable: Optional[Callable[[UnreadableRecordError], None]] = None) -> Iterator[Record[T]]:
        """Every committed record of ``topic`` with a timestamp in [start, end), decoded.

        Records of one partition come in offset order; tombstones (records without a value, on the
        compacted topics) are skipped. A value that does not decode raises ``UnreadableRecordError``,
        unless ``on_unreadable`` is given: then it is handed the error and the read goes on (the
        pipeline's own topics can hold such records, e.g. ``rl-attempts-v1`` from a faulty producer,
        which the grader dead-letters).
        """
        start_ms, end_ms = to_millis(start), to_millis(end)
        if end_ms <= start_ms:
            return
        consumer = Consumer(self._consumer_config)
        try:
            ranges = self._ranges(consumer, topic.name, start_ms, end_ms)
            for message in self._consume(consumer, topic.name, ranges):
                ts_type, ts = message.timestamp()
                if not start_ms <= ts < end_ms or message.value() is None:
                    continue
                try:
                    record = self._decode(topic, message, ts_type, ts)
                except (SerializationError, SchemaRegistryError, ValueError, TypeError) as e:
                    if isinstance(e, SchemaRegistryError) and e.http_status_code != 404:
                        raise  # the registry failing is no fault of the record
                    error = UnreadableRecordError(topic.name, message.partition(), message.offset(), e)
                    if on_unreadable is None:
                        raise error from e
                    on_unreadable(error)
                    continue
                yield record
        finally:
            consumer.close()

    def window_ranges(self, topic: topics.Topic, start: datetime, end: datetime) -> Tuple[PartitionRange, ...]:
        """The offsets a read of [start, end) covers, per partition that has records in it."""
        consumer = Consumer(self._consumer_config)
        try:
            return tuple(self._ranges(consumer, topic.name, to_millis(start), to_millis(end)))
        finally:
            consumer.close()

    def _ranges(self, consumer: Consumer, topic: str, start_ms: int, end_ms: int) -> list:
        metadata = consumer.list_topics(topic, timeout=self._request_timeout)
        described = metadata.topics.get(topic)
        if described is None or described.error is not None:
            raise KafkaException(described.error if described else KafkaError(KafkaError.UNKNOWN_TOPIC_OR_PART))
        partitions = sorted(described.partitions)
        starts = consumer.offsets_for_times([TopicPartition(topic, p, start_ms) for p in partitions],
                                            timeout=self._request_timeout)
        ends = consumer.offsets_for_times([TopicPartition(topic, p, end_ms) for p in partitions],
                                          timeout=self._request_timeout)
        ranges = []
        for first, after in zip(starts, ends):
            for tp in (first, after):
                if tp.error is not None:
                    raise KafkaException(tp.error)
            if first.offset < 0:
                continue  # no record at or after start
            # Under read_committed the high watermark is the last stable offset: the read never waits
            # for a transaction that is still open.
            _, stable = consumer.get_watermark_offsets(TopicPartition(topic, first.partition),
                                                       timeout=self._request_timeout, cached=False)
            stop = min(after.offset, stable) if after.offset >= 0 else stable
            if first.offset < stop:
                ranges.append(PartitionRange(first.partition, first.offset, stop))
        return ranges

    def _consume(self, consumer: Consumer, topic: str, ranges: list) -> Iterator[Message]:
        remaining = {r.partition: r for r in ranges}
        if not remaining:
            return
        consumer.assign([TopicPartition(topic, r.partition, r.start) for r in ranges])
        last_progress = time.monotonic()

        def finish(partition: int) -> None:
            remaining.pop(partition, None)
            consumer.incremental_unassign([TopicPartition(topic, partition)])

        while remaining:
            message = consumer.poll(1.0)
            if message is None:
                if time.monotonic() - last_progress > self._idle_timeout:
                    raise TimeoutError(f"no progress reading {topic} for {self._idle_timeout:.0f} s; partitions "
                                       f"still to read: {sorted(remaining)}")
                continue
            last_progress = time.monotonic()
            partition = message.partition()
            if message.error() is not None:
                if message.error().code() == KafkaError._PARTITION_EOF:
                    if partition in remaining:
                        finish(partition)  # at the last stable offset, which is at or past the stop offset
                    continue
                raise KafkaException(message.error())
            wanted = remaining.get(partition)
            if wanted is None:
                continue
            if message.offset() >= wanted.stop:
                finish(partition)  # the offsets before stop ended in transaction markers
                continue
            yield message
            if message.offset() >= wanted.stop - 1:
                finish(partition)

    def decode_value(self, topic: topics.Topic[T], data: bytes) -> T:
        """One Confluent-framed Avro value of an Avro topic as its typed object."""
        if topic.value_type is None:
            raise ValueError(f"{topic.name} does not hold Avro values")
        decoded = self._deserializer(data, SerializationContext(topic.name, MessageField.VALUE))
        return topic.value_type.from_avro(decoded)

    def _decode(self, topic: topics.Topic[T], message: Message, ts_type: int, ts: int) -> Record[T]:
        # Duplicate header names keep the last value, as the Java side's Provenance.get reads them.
        headers = {name: value for name, value in (message.headers() or [])}
        raw_key = message.key()
        key = raw_key.decode("utf-8") if topic.text_keys and raw_key is not None else raw_key
        if topic.value_type is None:
            value: Any = DeadLetter.from_kafka(raw_key, message.value(), headers)
        else:
            value = self.decode_value(topic, message.value())
        return Record(topic=topic.name, partition=message.partition(), offset=message.offset(),
                      timestamp=EPOCH + timedelta(milliseconds=ts),
                      timestamp_type=_TIMESTAMP_TYPES.get(ts_type, "NotAvailable"), key=key, value=value,
                      headers=headers)


__all__ = ["PartitionRange", "Record", "RollstreamReader", "UnreadableRecordError"]
