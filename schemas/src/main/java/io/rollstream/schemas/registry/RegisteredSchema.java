package io.rollstream.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject: the registry's answer to "latest" or "version n".
 *
 * @param subject the subject, e.g. {@code rl-graded-v1-value}
 * @param version the version within the subject, from 1
 * @param id      the global schema id written into every record's header
 * @param schema  the parsed schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, got " + version + " for " + subject);
        }
        if (id < 0) {
            throw new IllegalArgumentException("schema id must be >= 0, got " + id + " for " + subject);
        }
    }
}
