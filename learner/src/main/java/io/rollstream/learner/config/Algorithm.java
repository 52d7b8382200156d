package io.rollstream.learner.config;

import io.rollstream.learner.algo.AdvantageEstimator;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

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
    OREO(null);

    private final AdvantageEstimator estimator;

    Algorithm(AdvantageEstimator estimator) {
        this.estimator = estimator;
    }

    /** How this algorithm estimates advantages; SFT and OREO have none. */
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

    /** Parses a name in any case; unknown names fail listing the options. */
    public static Algorithm parse(String name) {
        if (name != null) {
            String wanted = name.trim().toUpperCase(Locale.ROOT);
            for (Algorithm algorithm : values()) {
                if (algorithm.name().equals(wanted)) {
                    return algorithm;
                }
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + name + "'; expected one of: "
                + Arrays.stream(values()).map(a -> a.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")));
    }
}
