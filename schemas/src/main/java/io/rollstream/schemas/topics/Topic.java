package io.rollstream.schemas.topics;

import java.util.Map;
import java.util.Objects;

/**
 * One entry of the topic catalog: the topic's name travels with its key and value types, its default
 * partition count and the topic configs it must be created with.
 *
 * @param name        the topic name, written nowhere else in the code base
 * @param keyType     Java type of the record key
 * @param valueType   Java type of the record value
 * @param partitions  default number of partitions
 * @param configs     topic-level configs (cleanup policy, retention, timestamp type)
 * @param <K>         key type
 * @param <V>         value type
 */
public record Topic<K, V>(String name, Class<K> keyType, Class<V> valueType, int partitions,
                          Map<String, String> configs) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions + " for " + name);
        }
        configs = Map.copyOf(configs);
    }

    /** Subject under which the value schema is registered (Confluent's TopicNameStrategy). */
    public String valueSubject() {
        return name + "-value";
    }

    /** Subject under which the key schema is registered (Confluent's TopicNameStrategy). */
    public String keySubject() {
        return name + "-key";
    }

    @Override
    public String toString() {
        return name;
    }
}
