package io.rollstream.learner.config;

import io.rollstream.learner.algo.AdvantageEstimator;
import io.rollstream.learner.algo.Choices;

/** What the learner trains with: supervised warm start, PPO with a critic, GRPO over groups, or offline OREO. */
public enum Algorithm {
    /** Supervised fine-tuning on worked solutions, publishing the first policy version. */
    SFT(null),
    /** Multi-attempt PPO: critic, GAE over trained tokens, clipped policy and value losses, k3 KL. */
    PPO(AdvantageEstimator.GAE),
    /** GRPO: group-normalised terminal rewards, no critic, KL and an entropy bonus. */
    GRPO(AdvantageEstimator.GROUP),
    /**
     * OREO, offline: a policy and its value function regressed on the soft Bellman residual of logged
     * trajectories, from a fixed window of the trajectory topic rather than the live stream.
     */
    OREO(null),
    /** Rejection-sampling SFT, offline: the answers that solved the window's solved episodes, OREO's baseline. */
    RS_SFT(null);

    private final AdvantageEstimator estimator;

    Algorithm(AdvantageEstimator estimator) {
        this.estimator = estimator;
    }

    /** How this algorithm estimates advantages; SFT, OREO and RS-SFT have none. */
    public AdvantageEstimator estimator() {
        if (estimator == null) {
            throw new IllegalStateException(this + " estimates no advantages");
        }
        return estimator;
    }

    /** Whether it trains from the live trajectory stream (PPO, GRPO) rather than a file or a window. */
    public boolean streams() {
        return estimator != null;
    }

    /** Whether updates take whole groups of episodes of one question (group-relative advantages). */
    public boolean trainsOnGroups() {
        return estimator == AdvantageEstimator.GROUP;
    }

    /** The name options and logs use: {@code sft}, {@code ppo}, {@code grpo}, {@code oreo}, {@code rs-sft}. */
    public String id() {
        return Choices.configName(this);
    }

    /** Whether it trains on a closed window of logged trajectories (OREO and its RS-SFT baseline). */
    public boolean offline() {
        return this == OREO || this == RS_SFT;
    }

    /** Parses a name in any case, '-' for '_'; unknown names fail listing the options. */
    public static Algorithm parse(String name) {
        return Choices.parse(Algorithm.class, "algorithm", name);
    }
}
