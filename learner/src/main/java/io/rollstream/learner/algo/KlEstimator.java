package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import io.rollstream.policy.model.Scalars;

/**
 * Per-token estimators of KL(pi || pi_ref) from the log-probs of sampled tokens (Schulman's k1 and k3).
 * K1 is unbiased but can be negative per token, and its gradient as a loss term is zero in expectation under
 * on-policy sampling; K3 is non-negative with low variance and is the default for PPO here.
 */
public enum KlEstimator {
    /** {@code logProbs - refLogProbs}. */
    K1 {
        @Override
        public NDArray perToken(NDArray logProbs, NDArray refLogProbs) {
            return logProbs.sub(refLogProbs); // (B, T)
        }

        @Override
        public float perToken(float logProb, float refLogProb) {
            return logProb - refLogProb;
        }
    },
    /**
     * {@code exp(refLogProbs - logProbs) - (refLogProbs - logProbs) - 1}, clamped to at most {@link #K3_MAX}
     * (as verl does) so one token the policy has moved far from the reference cannot blow up the step.
     */
    K3 {
        @Override
        public NDArray perToken(NDArray logProbs, NDArray refLogProbs) {
            NDArray logRatio = refLogProbs.sub(logProbs); // (B, T)
            return Scalars.minimum(logRatio.exp().sub(logRatio).sub(1f), K3_MAX); // (B, T)
        }

        @Override
        public float perToken(float logProb, float refLogProb) {
            double logRatio = (double) refLogProb - logProb;
            return (float) Math.min(Math.exp(logRatio) - logRatio - 1, K3_MAX);
        }
    };

    /** Upper clamp of the k3 estimate per token. */
    public static final float K3_MAX = 10f;

    /**
     * Differentiable per-token estimate.
     *
     * @param logProbs    (B, T)
     * @param refLogProbs (B, T)
     * @return (B, T)
     */
    public abstract NDArray perToken(NDArray logProbs, NDArray refLogProbs);

    /** Host form of one token's estimate. */
    public abstract float perToken(float logProb, float refLogProb);

    /** Parses {@code k1} or {@code k3} (any case); unknown names fail listing the options. */
    public static KlEstimator parse(String name) {
        return Choices.parse(KlEstimator.class, "KL estimator", name);
    }
}
