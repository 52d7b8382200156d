package io.rollstream.infra.registry;

import io.rollstream.schemas.registry.CompatibilityLevel;
import java.util.Objects;
import java.util.Optional;

/** A record of the registry's {@code _schemas} topic; the record layout is described on {@link EmbeddedSchemaRegistry}. */
sealed interface StoreRecord permits StoreRecord.SchemaProposal, StoreRecord.ConfigChange {

    /**
     * An instance's request to register a schema as the given version of a subject; accepted only when that
     * version is still the next one when the record is applied in log order.
     *
     * @param proposalId unique per write, so that compaction never merges two proposals
     * @param subject    the subject
     * @param version    the version the writer expects the schema to get
     * @param schema     the schema in Avro's canonical JSON
     */
    record SchemaProposal(String proposalId, String subject, int version, String schema) implements StoreRecord {
        public SchemaProposal {
            Objects.requireNonNull(proposalId, "proposalId");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(schema, "schema");
            if (version < 1) {
                throw new IllegalArgumentException("version must be >= 1, got " + version);
            }
        }
    }

    /**
     * A compatibility level set for one subject or, with an empty subject, for the whole registry.
     *
     * @param subject the subject, or empty for the global level
     * @param level   the new level
     */
    record ConfigChange(Optional<String> subject, CompatibilityLevel level) implements StoreRecord {
        public ConfigChange {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(level, "level");
        }
    }
}
