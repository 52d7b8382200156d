package io.rollstream.schemas.headers;

import org.apache.kafka.common.header.Headers;

/**
 * Headers of a record on the dead-letter topic: where the original record was and why it was rejected.
 * The dead letter keeps the original key and value bytes untouched, so it can be inspected or replayed.
 */
public final class DeadLetter {

    /** Topic the original record was read from. */
    public static final String SOURCE_TOPIC = "rollstream.dlq.source.topic";
    /** Partition of the original record. */
    public static final String SOURCE_PARTITION = "rollstream.dlq.source.partition";
    /** Offset of the original record. */
    public static final String SOURCE_OFFSET = "rollstream.dlq.source.offset";
    /** Fully qualified class of the error. */
    public static final String ERROR_CLASS = "rollstream.dlq.error.class";
    /** Error message, including the causes' messages. */
    public static final String ERROR_MESSAGE = "rollstream.dlq.error.message";
    /** Short machine-readable reason, e.g. UNREADABLE, DUPLICATE_ATTEMPT, UNSCORABLE. */
    public static final String REASON = "rollstream.dlq.reason";
    /** Component that dead-lettered the record, e.g. grader-1.2.0. */
    public static final String COMPONENT = "rollstream.dlq.component";

    private static final int MAX_MESSAGE_CHARS = 4096;

    private DeadLetter() {
    }

    /** Adds every dead-letter header for a record from {@code topic}/{@code partition}@{@code offset}. */
    public static Headers annotate(Headers headers, String topic, int partition, long offset,
                                   Throwable error, String reason, String component) {
        Provenance.put(headers, SOURCE_TOPIC, topic);
        Provenance.put(headers, SOURCE_PARTITION, partition);
        Provenance.put(headers, SOURCE_OFFSET, offset);
        Provenance.put(headers, ERROR_CLASS, error.getClass().getName());
        Provenance.put(headers, ERROR_MESSAGE, describe(error));
        Provenance.put(headers, REASON, reason);
        Provenance.put(headers, COMPONENT, component);
        return headers;
    }

    /** The error's message followed by its causes' messages, capped so a hostile input cannot bloat headers. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && text.length() < MAX_MESSAGE_CHARS; t = t.getCause()) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) {
                break;
            }
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            text.setLength(MAX_MESSAGE_CHARS);
        }
        return text.toString();
    }
}
