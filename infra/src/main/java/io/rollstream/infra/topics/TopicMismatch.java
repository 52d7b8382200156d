package io.rollstream.infra.topics;

import java.util.Objects;

/**
 * One difference between the catalog and an existing topic: a topic config or the partition count (key
 * {@value #PARTITIONS}) that is not what the catalog asks for.
 *
 * @param topic    topic name
 * @param key      the config key, or {@value #PARTITIONS}
 * @param expected the catalog's value
 * @param actual   the broker's value; {@code null} when the broker reports no value for the key
 */
public record TopicMismatch(String topic, String key, String expected, String actual) {

    /** Key used for a partition-count mismatch. */
    public static final String PARTITIONS = "partitions";

    public TopicMismatch {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(expected, "expected");
    }

    /** One readable line, e.g. {@code rl-prompts-v1: retention.ms is 1000, catalog expects 604800000}. */
    public String describe() {
        return topic + ": " + key + " is " + (actual == null ? "unset" : actual) + ", catalog expects " + expected;
    }
}
