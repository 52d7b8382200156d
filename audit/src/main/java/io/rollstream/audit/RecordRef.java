package io.rollstream.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a record was read: topic, partition, offset, and its timestamp.
 *
 * @param topic     topic name
 * @param partition partition number
 * @param offset    offset in the partition
 * @param timestamp the record's timestamp (create or log-append time, as the topic is configured)
 */
public record RecordRef(String topic, int partition, long offset, Instant timestamp) {

    public RecordRef {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timestamp, "timestamp");
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("partition and offset must be >= 0, got " + partition + "@" + offset);
        }
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
