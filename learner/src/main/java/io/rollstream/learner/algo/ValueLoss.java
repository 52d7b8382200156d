package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The clipped critic regression term and what it did.
 *
 * @param loss         aggregated clipped value loss, ()
 * @param value        {@code loss} copied to the host
 * @param clipFraction fraction of trained tokens where the clipped error was the larger one
 */
public record ValueLoss(NDArray loss, float value, float clipFraction) implements LossTerm {

    public static final String LOSS = "value/loss";
    public static final String CLIP_FRACTION = "value/clip-fraction";

    public ValueLoss {
        Objects.requireNonNull(loss, "loss");
        if (!(clipFraction >= 0f && clipFraction <= 1f)) {
            throw new IllegalArgumentException("clipFraction must be in [0, 1], got " + clipFraction);
        }
    }

    @Override
    public Map<String, Float> metrics() {
        Map<String, Float> metrics = new LinkedHashMap<>();
        metrics.put(LOSS, value);
        metrics.put(CLIP_FRACTION, clipFraction);
        return metrics;
    }
}
