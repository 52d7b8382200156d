package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * PPO's clipped surrogate with separate lower and upper clip ranges (equal ranges give PPO; a wider upper
 * range is DAPO's clip-higher):
 * <pre>
 *   ratio = exp(logProbs - oldLogProbs)
 *   loss  = -min(ratio * A, clip(ratio, 1 - clipLow, 1 + clipHigh) * A)
 * </pre>
 * aggregated over trained tokens. Clipping is active on a token when the clipped branch is strictly the
 * smaller objective, i.e. where the token gets no gradient: ratio above {@code 1 + clipHigh} with A > 0, or
 * below {@code 1 - clipLow} with A < 0.
 */
public final class ClippedPolicyLoss {

    private ClippedPolicyLoss() {
    }

    /**
     * @param logProbs     current policy, differentiable, (B, T)
     * @param oldLogProbs  policy that sampled the tokens, (B, T)
     * @param advantages   (B, T)
     * @param responseMask 0/1, (B, T)
     * @param clipLow      lower clip range, in [0, 1)
     * @param clipHigh     upper clip range, >= 0
     * @param aggregation  how the per-token loss becomes a scalar
     */
    public static PolicyLoss compute(NDArray logProbs, NDArray oldLogProbs, NDArray advantages, NDArray responseMask,
                                     float clipLow, float clipHigh, LossAggregation aggregation) {
        Objects.requireNonNull(aggregation, "aggregation");
        if (!(clipLow >= 0f && clipLow < 1f) || !(clipHigh >= 0f) || Float.isInfinite(clipHigh)) {
            throw new IllegalArgumentException(
                    "clip ranges must satisfy 0 <= clipLow < 1 and 0 <= clipHigh, got " + clipLow + ", " + clipHigh);
        }
        HostArrays.requireSameShape("oldLogProbs", oldLogProbs, "logProbs", logProbs);
        HostArrays.requireSameShape("advantages", advantages, "logProbs", logProbs);
        HostArrays.requireSameShape("responseMask", responseMask, "logProbs", logProbs);

        NDArray oldLp = oldLogProbs.stopGradient(); // (B, T)
        NDArray adv = advantages.stopGradient(); // (B, T)
        NDArray logRatio = logProbs.sub(oldLp); // (B, T)
        NDArray ratio = logRatio.exp(); // (B, T)
        NDArray unclipped = ratio.mul(adv).neg(); // (B, T)
        NDArray clipped = ratio.clip(1f - clipLow, 1f + clipHigh).mul(adv).neg(); // (B, T)
        NDArray perToken = unclipped.maximum(clipped); // (B, T)
        NDArray loss = aggregation.aggregate(perToken, responseMask); // ()

        NDArray clipActive = clipped.stopGradient().gt(unclipped.stopGradient())
                .toType(perToken.getDataType(), false); // (B, T)
        float clipFraction = LossAggregation.tokenMeanMetric(clipActive, responseMask);
        float approxKl = LossAggregation.tokenMeanMetric(logRatio.neg(), responseMask);
        return new PolicyLoss(loss, loss.getFloat(), clipFraction, approxKl);
    }
}
