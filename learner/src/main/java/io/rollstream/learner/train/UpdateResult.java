package io.rollstream.learner.train;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one policy update did: namespaced metrics averaged over its optimiser steps, and the critic's values
 * of every sequence before the update (for replay candidates), in batch order.
 *
 * @param metrics        e.g. {@code policy/clip-fraction}, {@code kl/loss}, {@code value/loss}
 * @param valuesBefore   per sequence, one value per response token
 * @param optimizerSteps optimiser steps taken
 */
public record UpdateResult(Map<String, Double> metrics, List<float[]> valuesBefore, int optimizerSteps) {

    public UpdateResult {
        metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics"));
        valuesBefore = List.copyOf(valuesBefore);
    }
}
