package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One of OREO's two soft-Bellman regressions and what it measured.
 *
 * @param loss         aggregated squared residual, ()
 * @param value        {@code loss} copied to the host
 * @param meanResidual token mean of the residual (positive: the value plus the policy's KL-reward overshoot R)
 * @param critic       true for the value loss, false for the policy loss
 */
public record OreoLoss(NDArray loss, float value, float meanResidual, boolean critic) implements LossTerm {

    public static final String VALUE_LOSS = "oreo/value-loss";
    public static final String VALUE_RESIDUAL = "oreo/value-residual";
    public static final String POLICY_LOSS = "oreo/policy-loss";
    public static final String POLICY_RESIDUAL = "oreo/policy-residual";

    public OreoLoss {
        Objects.requireNonNull(loss, "loss");
    }

    @Override
    public Map<String, Float> metrics() {
        Map<String, Float> metrics = new LinkedHashMap<>();
        metrics.put(critic ? VALUE_LOSS : POLICY_LOSS, value);
        metrics.put(critic ? VALUE_RESIDUAL : POLICY_RESIDUAL, meanResidual);
        return metrics;
    }
}
