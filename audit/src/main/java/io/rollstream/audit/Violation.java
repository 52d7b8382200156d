package io.rollstream.audit;

import java.util.Comparator;
import java.util.Objects;

/**
 * One broken invariant, naming the offending record.
 *
 * @param check     which invariant
 * @param episodeId the episode concerned (empty for a record that could not be read)
 * @param record    the offending record: the duplicate, the inconsistent one, or the last one seen
 * @param detail    what was expected and what was found
 */
public record Violation(Check check, String episodeId, RecordRef record, String detail) {

    /** Orders findings the way the log does: by time, then topic, partition and offset. */
    public static final Comparator<Violation> IN_LOG_ORDER = Comparator
            .comparing((Violation v) -> v.record().timestamp())
            .thenComparing(v -> v.record().topic())
            .thenComparingInt(v -> v.record().partition())
            .thenComparingLong(v -> v.record().offset());

    public Violation {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(episodeId, "episodeId");
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return check + " " + record + (episodeId.isEmpty() ? "" : " episode " + episodeId) + ": " + detail;
    }
}
