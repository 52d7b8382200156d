package io.rollstream.policy.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where PPO's critic reads its features from. {@link #SHARED} puts a linear value head on the policy's own
 * final hidden states: one forward pass gives log-probs and values, which halves the learner's compute on CPU,
 * at the price of value-loss gradients also moving the policy trunk (the learner weighs the value loss).
 * {@link #SEPARATE} gives the critic its own trunk of the same size, so the two objectives cannot interfere,
 * at twice the training compute. Sampling never runs the value path, so the choice costs actors nothing.
 */
public enum ValueHeadKind {
    SHARED,
    SEPARATE;

    /** Parses a case-insensitive name; unknown names fail listing the options. */
    public static ValueHeadKind parse(String name) {
        for (ValueHeadKind kind : values()) {
            if (kind.name().equals(name.toUpperCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "unknown value head kind '" + name + "'; expected one of " + Arrays.toString(values()));
    }
}
