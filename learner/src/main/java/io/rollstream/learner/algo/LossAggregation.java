package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;

/**
 * How a per-token loss (B, T) becomes one scalar. Token mean weighs every trained token equally (long answers
 * weigh more); sequence mean weighs every sequence equally (GRPO's original form, which Dr. GRPO shows
 * favours long wrong answers). Sequences with no trained token are left out of both; an all-zero mask gives 0.
 */
public enum LossAggregation {
    /** {@code sum(loss * mask) / sum(mask)} over the whole batch. */
    TOKEN_MEAN {
        @Override
        public NDArray aggregate(NDArray loss, NDArray responseMask) {
            NDArray mask = HostArrays.floatMask(responseMask); // (B, T)
            return loss.mul(mask).sum().div(mask.sum().maximum(1f)); // ()
        }
    },
    /** Mean over sequences with at least one trained token of {@code sum_t(loss * mask) / sum_t(mask)}. */
    SEQUENCE_MEAN {
        @Override
        public NDArray aggregate(NDArray loss, NDArray responseMask) {
            NDArray mask = HostArrays.floatMask(responseMask); // (B, T)
            NDArray tokens = mask.sum(new int[] {1}); // (B)
            NDArray perSequence = loss.mul(mask).sum(new int[] {1}).div(tokens.maximum(1f)); // (B)
            NDArray hasTokens = tokens.gt(0f).toType(mask.getDataType(), false); // (B)
            return perSequence.mul(hasTokens).sum().div(hasTokens.sum().maximum(1f)); // ()
        }
    };

    /**
     * Reduces a per-token loss to a scalar, differentiably.
     *
     * @param loss         (B, T)
     * @param responseMask 0/1, (B, T)
     * @return ()
     */
    public abstract NDArray aggregate(NDArray loss, NDArray responseMask);

    /** Parses {@code token-mean} or {@code sequence-mean} (any case); unknown names fail listing the options. */
    public static LossAggregation parse(String name) {
        return Choices.parse(LossAggregation.class, "loss aggregation", name);
    }

    /** Token mean of a detached per-token quantity, as a host float; metrics are always token means. */
    static float tokenMeanMetric(NDArray perToken, NDArray responseMask) {
        return TOKEN_MEAN.aggregate(perToken.stopGradient(), responseMask).getFloat(); // ()
    }
}
