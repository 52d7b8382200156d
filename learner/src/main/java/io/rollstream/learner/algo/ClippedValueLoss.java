package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import io.rollstream.policy.model.Scalars;
import java.util.Objects;

/**
 * PPO's clipped critic loss, which keeps the new value estimate within {@code clipRange} of the one the
 * advantages were computed with:
 * <pre>
 *   vClipped = clip(values, oldValues - clipRange, oldValues + clipRange)
 *   loss     = 0.5 * max((values - returns)^2, (vClipped - returns)^2)
 * </pre>
 * aggregated over trained tokens. Clipping is active where the clipped error is strictly the larger.
 */
public final class ClippedValueLoss {

    private ClippedValueLoss() {
    }

    /**
     * @param values       current critic, differentiable, (B, T)
     * @param oldValues    critic when the advantages were computed, (B, T)
     * @param returns      regression targets, (B, T)
     * @param responseMask 0/1, (B, T)
     * @param clipRange    >= 0
     */
    public static ValueLoss compute(NDArray values, NDArray oldValues, NDArray returns, NDArray responseMask,
                                    float clipRange, LossAggregation aggregation) {
        Objects.requireNonNull(aggregation, "aggregation");
        if (!(clipRange >= 0f) || Float.isInfinite(clipRange)) {
            throw new IllegalArgumentException("clipRange must be finite and >= 0, got " + clipRange);
        }
        HostArrays.requireSameShape("oldValues", oldValues, "values", values);
        HostArrays.requireSameShape("returns", returns, "values", values);
        HostArrays.requireSameShape("responseMask", responseMask, "values", values);

        NDArray oldV = oldValues.stopGradient(); // (B, T)
        NDArray targets = returns.stopGradient(); // (B, T)
        NDArray vClipped = oldV.add(values.sub(oldV).clip(-clipRange, clipRange)); // (B, T)
        NDArray unclippedError = values.sub(targets).square(); // (B, T)
        NDArray clippedError = vClipped.sub(targets).square(); // (B, T)
        NDArray perToken = Scalars.mul(unclippedError.maximum(clippedError), 0.5); // (B, T)
        NDArray loss = aggregation.aggregate(perToken, responseMask); // ()

        NDArray clipActive = clippedError.stopGradient().gt(unclippedError.stopGradient())
                .toType(perToken.getDataType(), false); // (B, T)
        float clipFraction = LossAggregation.tokenMeanMetric(clipActive, responseMask);
        return new ValueLoss(loss, loss.getFloat(), clipFraction);
    }
}
