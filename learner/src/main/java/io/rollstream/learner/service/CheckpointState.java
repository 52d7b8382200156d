package io.rollstream.learner.service;

import java.util.Map;
import java.util.Objects;

/**
 * The learner's position, stored in each checkpoint beside the weights and optimiser state: everything needed to
 * continue as if the process had never stopped. Minibatch shuffling is seeded from the config seed and the
 * update number, so the update number is the whole random state.
 *
 * @param update     updates done
 * @param version    policy version the current weights were last published as (or loaded from)
 * @param offsets    next offset to read per partition of the trajectory topic
 * @param assembler  trajectories consumed but not yet trained on
 * @param counters   running totals (consumed, dropped by reason, used, replay counts)
 * @param logLengths byte length of each run-directory log at checkpoint time
 */
public record CheckpointState(long update, long version, Map<Integer, Long> offsets, AssemblerSnapshot assembler,
                              Map<String, Long> counters, Map<String, Long> logLengths) {

    public CheckpointState {
        offsets = Map.copyOf(offsets);
        Objects.requireNonNull(assembler, "assembler");
        counters = Map.copyOf(counters);
        logLengths = Map.copyOf(logLengths);
        if (update < 0 || version < 0) {
            throw new IllegalArgumentException("update and version must be >= 0");
        }
    }
}
