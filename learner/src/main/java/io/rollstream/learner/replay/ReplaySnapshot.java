package io.rollstream.learner.replay;

import java.util.List;
import java.util.Objects;

/**
 * The checkpointed form of a {@link ReplayBuffer}: its states in insertion order and the latest step it saw.
 *
 * @param formatVersion layout version of this JSON, {@link #FORMAT_VERSION}
 * @param lastStep      latest learner step passed to the buffer
 * @param states        held states, oldest insertion first
 */
record ReplaySnapshot(int formatVersion, long lastStep, List<ReplayState> states) {

    static final int FORMAT_VERSION = 1;

    ReplaySnapshot {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported replay buffer format version " + formatVersion
                    + ", expected " + FORMAT_VERSION);
        }
        if (lastStep < 0) {
            throw new IllegalArgumentException("lastStep must be >= 0, got " + lastStep);
        }
        states = List.copyOf(Objects.requireNonNull(states, "states"));
    }
}
