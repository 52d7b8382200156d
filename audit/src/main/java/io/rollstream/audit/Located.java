package io.rollstream.audit;

import java.util.Objects;

/**
 * A record value together with where it was read, so every finding can name its record.
 *
 * @param ref   where the record is
 * @param value the deserialized value
 * @param <V>   value type
 */
public record Located<V>(RecordRef ref, V value) {

    public Located {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(value, "value");
    }
}
