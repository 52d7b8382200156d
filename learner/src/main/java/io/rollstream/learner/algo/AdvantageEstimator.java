package io.rollstream.learner.algo;

/**
 * How advantages are estimated: GAE from a critic (PPO) or the group-normalised terminal reward (GRPO).
 */
public enum AdvantageEstimator {
    /** Generalised advantage estimation over trained tokens, bridging feedback spans; see {@link GaeAdvantages}. */
    GAE,
    /** Reward minus the group mean, optionally over the group std, broadcast over a sequence; see {@link GroupAdvantages}. */
    GROUP;

    /** Parses {@code gae} or {@code group} (any case); unknown names fail listing the options. */
    public static AdvantageEstimator parse(String name) {
        return Choices.parse(AdvantageEstimator.class, "advantage estimator", name);
    }
}
