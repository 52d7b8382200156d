package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * KL to the frozen reference policy as a loss term (rather than folded into the rewards), over trained tokens
 * only, so feedback turns and prompts carry no penalty.
 */
public final class KlPenalty {

    private KlPenalty() {
    }

    /**
     * @param logProbs     current policy, differentiable, (B, T)
     * @param refLogProbs  reference policy, (B, T)
     * @param responseMask 0/1, (B, T)
     */
    public static KlLoss compute(NDArray logProbs, NDArray refLogProbs, NDArray responseMask,
                                 KlEstimator estimator, LossAggregation aggregation) {
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(aggregation, "aggregation");
        HostArrays.requireSameShape("refLogProbs", refLogProbs, "logProbs", logProbs);
        HostArrays.requireSameShape("responseMask", responseMask, "logProbs", logProbs);
        NDArray perToken = estimator.perToken(logProbs, refLogProbs.stopGradient()); // (B, T)
        NDArray loss = aggregation.aggregate(perToken, responseMask); // ()
        return new KlLoss(loss, loss.getFloat(), estimator);
    }
}
