package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * Entropy of the policy's next-token distribution at trained positions, {@code H = -sum_v p_v log p_v},
 * computed from the full logits (the sampled token's log-prob alone cannot give it).
 */
public final class EntropyBonus {

    private EntropyBonus() {
    }

    /**
     * @param logits       next-token logits, differentiable, (B, T, V)
     * @param responseMask 0/1, (B, T)
     */
    public static EntropyLoss compute(NDArray logits, NDArray responseMask, LossAggregation aggregation) {
        Objects.requireNonNull(aggregation, "aggregation");
        if (logits.getShape().dimension() != 3
                || !logits.getShape().slice(0, 2).equals(responseMask.getShape())) {
            throw new IllegalArgumentException("logits of shape " + logits.getShape()
                    + " do not match responseMask of shape " + responseMask.getShape());
        }
        NDArray logP = logits.logSoftmax(-1); // (B, T, V)
        NDArray entropy = logP.exp().mul(logP).sum(new int[] {-1}).neg(); // (B, T)
        NDArray loss = aggregation.aggregate(entropy, responseMask).neg(); // ()
        return new EntropyLoss(loss, LossAggregation.tokenMeanMetric(entropy, responseMask));
    }
}
