package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The clipped policy-gradient term and what it did.
 *
 * @param loss         aggregated clipped surrogate loss, ()
 * @param value        {@code loss} copied to the host
 * @param clipFraction fraction of trained tokens whose clipped branch was chosen (zero gradient)
 * @param approxKl     {@code mean(oldLogProbs - logProbs)} over trained tokens (the k1 form)
 */
public record PolicyLoss(NDArray loss, float value, float clipFraction, float approxKl) implements LossTerm {

    public static final String LOSS = "policy/loss";
    public static final String CLIP_FRACTION = "policy/clip-fraction";
    public static final String APPROX_KL = "policy/approx-kl";

    public PolicyLoss {
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
        metrics.put(APPROX_KL, approxKl);
        return metrics;
    }
}
