package io.rollstream.infra.registry;

import java.util.Objects;

/**
 * One schema registered under one subject: Confluent's (subject, version, id, schema) quadruple.
 *
 * @param subject the subject name
 * @param version the version within the subject, from 1
 * @param id      the registry-wide schema id, from 1; equal schemas share an id across subjects
 * @param schema  the schema in Avro's canonical JSON (what {@code Schema.toString()} prints)
 */
public record Registration(String subject, int version, int id, String schema) {

    public Registration {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, got " + version);
        }
        if (id < 1) {
            throw new IllegalArgumentException("id must be >= 1, got " + id);
        }
    }
}
