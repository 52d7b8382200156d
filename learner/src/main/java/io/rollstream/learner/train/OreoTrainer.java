package io.rollstream.learner.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.rollstream.learner.algo.KlLoss;
import io.rollstream.learner.algo.KlPenalty;
import io.rollstream.learner.algo.OreoLoss;
import io.rollstream.learner.algo.OreoLosses;
import io.rollstream.learner.config.Algorithm;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.model.Scalars;
import io.rollstream.policy.model.TokenBatch;
import io.rollstream.policy.model.TrainForward;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Offline OREO over a fixed set of logged trajectories: for {@code epochs} seeded shuffles of the set, in
 * minibatches, one optimiser step on the policy loss plus {@code valueCoefficient} times the value loss plus
 * {@code klCoefficient} times the KL to the starting policy (the frozen reference). Each sequence's
 * {@link TrainingSequence#reward()} is its R (OREO: 1 solved, 0 not); log-probabilities are the policy's own at
 * temperature 1, whatever temperature the trajectory was sampled at.
 */
public final class OreoTrainer {

    private final LearnerConfig config;
    private final LearnerModels models;

    /**
     * Mean losses of the first and the last epoch, and the optimiser steps taken.
     *
     * @param firstValueLoss  value loss, first epoch
     * @param lastValueLoss   value loss, last epoch
     * @param firstPolicyLoss policy loss, first epoch
     * @param lastPolicyLoss  policy loss, last epoch
     * @param lastKl          KL to the starting policy, last epoch
     * @param steps           optimiser steps
     */
    public record Result(double firstValueLoss, double lastValueLoss, double firstPolicyLoss, double lastPolicyLoss,
                         double lastKl, int steps) {
    }

    public OreoTrainer(LearnerConfig config, LearnerModels models) {
        if (config.algorithm() != Algorithm.OREO) {
            throw new IllegalArgumentException("OreoTrainer needs algorithm OREO, got " + config.algorithm());
        }
        this.config = config;
        this.models = Objects.requireNonNull(models, "models");
    }

    public Result train(List<TrainingSequence> sequences, SftTrainer.StepListener listener) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("OREO needs at least one trajectory");
        }
        int batches = (sequences.size() + config.miniBatchSize() - 1) / config.miniBatchSize();
        int total = config.epochs() * batches;
        double[] first = null;
        double[] last = null;
        int steps = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            double[] sums = new double[3];
            List<int[]> miniBatches = MiniBatches.split(sequences, config.miniBatchSize(),
                    new Random(config.seed() * 1_000_003L + epoch));
            for (int[] rows : miniBatches) {
                double[] losses = step(sequences, rows);
                for (int i = 0; i < sums.length; i++) {
                    sums[i] += losses[i] / miniBatches.size();
                }
                steps++;
                listener.stepped(steps, total);
            }
            last = sums;
            first = first == null ? sums : first;
        }
        return new Result(first[0], last[0], first[1], last[1], last[2], steps);
    }

    /** One minibatch: value, policy and KL losses as computed before the step. */
    private double[] step(List<TrainingSequence> sequences, int[] rows) {
        PolicyModel policy = models.policy();
        TokenBatch tokens = BatchTensors.tokens(sequences, rows);
        float[] rewards = new float[rows.length];
        for (int b = 0; b < rows.length; b++) {
            rewards[b] = sequences.get(rows[b]).reward();
        }
        double[] losses = new double[3];
        synchronized (LearnerModels.GRADIENT_TURN) {
            try (NDManager manager = policy.newManager()) {
                NDArray refLogProbs = models.reference().forward(manager, tokens, 1f, false).logProbs(); // (B, R)
                NDArray r = manager.create(rewards); // (B)
                try (GradientCollector collector = models.trainer().newGradientCollector()) {
                    TrainForward out = policy.forward(manager, tokens, 1f, true);
                    NDArray mask = out.responseMask(); // (B, R)
                    OreoLoss value = OreoLosses.value(out.values(), out.logProbs(), refLogProbs, r, mask,
                            config.oreoBeta(), config.aggregation());
                    OreoLoss policyLoss = OreoLosses.policy(out.logProbs(), refLogProbs, out.values(), r, mask,
                            config.oreoBeta(), config.aggregation());
                    KlLoss kl = KlPenalty.compute(out.logProbs(), refLogProbs, mask, config.klEstimator(),
                            config.aggregation());
                    NDArray total = policyLoss.loss()
                            .add(Scalars.mul(value.loss(), config.valueCoefficient()))
                            .add(Scalars.mul(kl.loss(), config.klCoefficient())); // ()
                    collector.backward(total);
                    losses[0] = value.value();
                    losses[1] = policyLoss.value();
                    losses[2] = kl.value();
                }
            }
        }
        models.step(config.maxGradNorm());
        return losses;
    }
}
