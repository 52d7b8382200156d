package io.rollstream.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The registry's compatibility rule, written once so the in-process registry and the HTTP registry
 * server decide alike: Avro reader/writer resolution applied in the directions a level demands.
 */
public final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /**
     * Checks a candidate schema against the schemas already registered under a subject.
     *
     * @param level               the subject's compatibility level
     * @param candidate           the schema about to be registered
     * @param existingOldestFirst the subject's schemas, version 1 first; may be empty
     * @return one message per incompatibility; empty when the candidate may be registered
     */
    public static List<String> check(CompatibilityLevel level, Schema candidate, List<Schema> existingOldestFirst) {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(existingOldestFirst, "existingOldestFirst");
        if (level == CompatibilityLevel.NONE || existingOldestFirst.isEmpty()) {
            return List.of();
        }
        int count = existingOldestFirst.size();
        // Non-transitive levels only promise compatibility with the latest version, as Confluent does.
        int first = level.transitive() ? 0 : count - 1;
        List<String> messages = new ArrayList<>();
        for (int i = count - 1; i >= first; i--) {
            Schema existing = existingOldestFirst.get(i);
            String which = "schema " + (i + 1) + " of " + count;
            if (level.newReadsOld()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, existing),
                        "the new schema cannot read data written with " + which, messages);
            }
            if (level.oldReadsNew()) {
                describe(SchemaCompatibility.checkReaderWriterCompatibility(existing, candidate),
                        which + " cannot read data written with the new schema", messages);
            }
        }
        if (!messages.isEmpty()) {
            messages.add("compatibility: " + level.name());
        }
        return messages;
    }

    private static void describe(SchemaPairCompatibility pair, String direction, List<String> messages) {
        for (Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
            messages.add(direction + ": " + incompatibility.getType() + " at " + incompatibility.getLocation()
                    + " (" + incompatibility.getMessage() + ")");
        }
    }
}
