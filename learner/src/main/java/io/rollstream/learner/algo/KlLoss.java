package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * KL to the reference policy as a loss term.
 *
 * @param loss      aggregated per-token KL estimate, ()
 * @param value     {@code loss} copied to the host
 * @param estimator the per-token estimator used
 */
public record KlLoss(NDArray loss, float value, KlEstimator estimator) implements LossTerm {

    public static final String LOSS = "kl/loss";

    public KlLoss {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(estimator, "estimator");
    }

    @Override
    public Map<String, Float> metrics() {
        Map<String, Float> metrics = new LinkedHashMap<>();
        metrics.put(LOSS, value);
        return metrics;
    }
}
