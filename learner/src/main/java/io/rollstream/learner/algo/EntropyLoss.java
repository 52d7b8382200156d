package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The entropy bonus as a loss term: {@code loss = -aggregated entropy}, so adding {@code coefficient * loss}
 * to the objective rewards a spread-out policy.
 *
 * @param loss    negated aggregated entropy, ()
 * @param entropy token-mean entropy over trained tokens, in nats
 */
public record EntropyLoss(NDArray loss, float entropy) implements LossTerm {

    public static final String ENTROPY = "policy/entropy";

    public EntropyLoss {
        Objects.requireNonNull(loss, "loss");
    }

    @Override
    public Map<String, Float> metrics() {
        Map<String, Float> metrics = new LinkedHashMap<>();
        metrics.put(ENTROPY, entropy);
        return metrics;
    }
}
