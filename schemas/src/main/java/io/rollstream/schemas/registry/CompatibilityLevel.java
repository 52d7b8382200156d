package io.rollstream.schemas.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Schema registry compatibility levels, with Confluent's names and meanings. BACKWARD: the new schema
 * reads data written with the old; FORWARD: the old reads the new; FULL: both; the TRANSITIVE forms
 * check every earlier version instead of only the latest.
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    /** Whether the candidate, as reader, must read data written with existing schemas. */
    public boolean newReadsOld() {
        return newReadsOld;
    }

    /** Whether existing schemas, as readers, must read data written with the candidate. */
    public boolean oldReadsNew() {
        return oldReadsNew;
    }

    /** Whether every earlier version is checked rather than only the latest. */
    public boolean transitive() {
        return transitive;
    }

    /**
     * Parses a level name, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the accepted values when the name is unknown
     */
    public static CompatibilityLevel parse(String name) {
        if (name != null) {
            String normalized = name.strip().toUpperCase(Locale.ROOT);
            for (CompatibilityLevel level : values()) {
                if (level.name().equals(normalized)) {
                    return level;
                }
            }
        }
        throw new IllegalArgumentException("Invalid compatibility level '" + name + "'; expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
