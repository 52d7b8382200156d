package io.rollstream.learner.service;

import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.train.SequenceBuilder;
import io.rollstream.learner.train.TrainingSequence;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.Trajectory;

/**
 * Decides whether a consumed trajectory is trained on, counting each reason it is not: no terminal reward
 * (TIMEOUT, UNSCORABLE), an evaluation episode, more than {@code maxStaleness} policy versions old, malformed, longer than the
 * model's context, or without a single sampled token.
 */
final class TrajectoryIntake {

    private final LearnerConfig config;
    private final SequenceBuilder builder;
    private final int maxContext;
    private final LearnerMetrics metrics;

    TrajectoryIntake(LearnerConfig config, SequenceBuilder builder, int maxContext, LearnerMetrics metrics) {
        this.config = config;
        this.builder = builder;
        this.maxContext = maxContext;
        this.metrics = metrics;
    }

    boolean keep(Trajectory trajectory, long currentVersion) {
        if (trajectory.getOrigin() == PromptOrigin.EVAL) {
            return drop("evaluation"); // held-out episodes measure the policy; training on them would leak
        }
        if (trajectory.getTerminalReward() == null) {
            return drop("no-reward");
        }
        TrainingSequence sequence;
        try {
            sequence = builder.build(trajectory);
        } catch (IllegalArgumentException e) {
            return drop("malformed");
        }
        if (currentVersion - sequence.oldestVersion() > config.maxStaleness()) {
            return drop("stale");
        }
        if (sequence.length() > maxContext) {
            return drop("too-long");
        }
        if (sequence.trainedTokens() == 0) {
            return drop("empty");
        }
        return true;
    }

    private boolean drop(String reason) {
        metrics.increment("dropped/" + reason, 1);
        return false;
    }
}
