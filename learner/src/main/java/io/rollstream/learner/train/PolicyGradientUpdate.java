package io.rollstream.learner.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.rollstream.learner.algo.LossTerm;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.model.TokenBatch;
import io.rollstream.policy.model.TrainForward;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * One PPO or GRPO update over a batch of trajectories: a no-gradient pass for the critic's values and the
 * reference log-probs, advantages over the whole batch, then {@code epochs} passes of minibatch optimiser steps
 * on the {@link PolicyGradientObjective}. The sampling log-probs the actor recorded are the "old" log-probs; current ones are recomputed at the
 * same temperature. Minibatch order depends only on the seed and the update number, so a resumed learner repeats it.
 * An update below {@link LearnerConfig#criticWarmupUpdates()} trains the value head alone, on the policy's frozen
 * features, and leaves the policy as it was.
 */
public final class PolicyGradientUpdate {

    private final LearnerConfig config;
    private final LearnerModels models;

    public PolicyGradientUpdate(LearnerConfig config, LearnerModels models) {
        if (!config.algorithm().streams()) {
            throw new IllegalArgumentException(config.algorithm() + " is not trained by a policy-gradient update");
        }
        this.config = Objects.requireNonNull(config, "config");
        this.models = Objects.requireNonNull(models, "models");
    }

    /** Trains on {@code batch} (every sequence must fit the model's context) as update number {@code update}. */
    public UpdateResult run(List<TrainingSequence> batch, long update) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("an update needs at least one sequence");
        }
        List<float[]> values = new ArrayList<>();
        List<float[]> refLogProbs = new ArrayList<>();
        scoreBeforeUpdate(batch, values, refLogProbs);
        BatchAdvantages advantages = BatchAdvantages.compute(config, batch, values);
        MetricMeans means = new MetricMeans();
        boolean criticOnly = update < config.criticWarmupUpdates();
        int steps = 0;
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            Random random = new Random(config.seed() * 1_000_003L + update * 1_009L + epoch);
            for (int[] rows : MiniBatches.split(batch, config.miniBatchSize(), random)) {
                trainMiniBatch(batch, rows, values, refLogProbs, advantages, means, criticOnly);
                means.add("grad/norm", criticOnly ? models.stepValueHead(config.maxGradNorm())
                        : models.step(config.maxGradNorm()));
                steps++;
            }
        }
        Map<String, Double> metrics = means.means();
        double rewardSum = 0;
        for (TrainingSequence s : batch) {
            rewardSum += s.reward();
        }
        metrics.put("reward/mean", rewardSum / batch.size());
        metrics.put("critic/warmup", criticOnly ? 1.0 : 0.0);
        return new UpdateResult(metrics, values, steps);
    }

    private void scoreBeforeUpdate(List<TrainingSequence> batch, List<float[]> values, List<float[]> refLogProbs) {
        float[][] v = new float[batch.size()][];
        float[][] ref = new float[batch.size()][];
        PolicyModel policy = models.policy();
        PolicyModel reference = models.reference();
        for (int[] rows : MiniBatches.split(batch, config.miniBatchSize(), null)) {
            TokenBatch tokens = BatchTensors.tokens(batch, rows);
            float temperature = batch.get(rows[0]).temperature();
            int width = tokens.responseWidth();
            try (NDManager manager = policy.newManager()) {
                float[] valueRows = policy.forward(manager, tokens, temperature, false).values()
                        .toFloatArray(); // (B * R)
                float[] refRows = reference.forward(manager, tokens, temperature, false).logProbs()
                        .toFloatArray(); // (B * R)
                for (int b = 0; b < rows.length; b++) {
                    int length = batch.get(rows[b]).response().length;
                    v[rows[b]] = BatchTensors.row(valueRows, b, width, length);
                    ref[rows[b]] = BatchTensors.row(refRows, b, width, length);
                }
            }
        }
        values.addAll(Arrays.asList(v));
        refLogProbs.addAll(Arrays.asList(ref));
    }

    private void trainMiniBatch(List<TrainingSequence> batch, int[] rows, List<float[]> values,
                                List<float[]> refLogProbs, BatchAdvantages advantages, MetricMeans means,
                                boolean criticOnly) {
        PolicyModel policy = models.policy();
        TokenBatch tokens = BatchTensors.tokens(batch, rows);
        int width = tokens.responseWidth();
        float temperature = batch.get(rows[0]).temperature();
        List<float[]> oldLogProbs = batch.stream().map(TrainingSequence::oldLogProbs).toList();
        synchronized (LearnerModels.GRADIENT_TURN) {
            try (NDManager manager = policy.newManager();
                    GradientCollector collector = models.trainer().newGradientCollector()) {
                TrainForward out = policy.forward(manager, tokens, temperature, true);
                PolicyGradientObjective.Targets targets = new PolicyGradientObjective.Targets(
                        BatchTensors.padded(manager, oldLogProbs, rows, width), // (B, R)
                        BatchTensors.padded(manager, advantages.advantages(), rows, width), // (B, R)
                        BatchTensors.padded(manager, refLogProbs, rows, width), // (B, R)
                        BatchTensors.padded(manager, values, rows, width), // (B, R)
                        BatchTensors.padded(manager, advantages.returns(), rows, width)); // (B, R)
                PolicyGradientObjective.Objective objective =
                        PolicyGradientObjective.compute(config, out, targets, criticOnly);
                NDArray total = objective.total(); // ()
                collector.backward(total);
                for (LossTerm term : objective.terms()) {
                    term.metrics().forEach((name, value) -> means.add(name, value));
                }
                means.add("loss/total", total.getFloat());
            }
        }
    }

    /** Running means of named metrics. */
    private static final class MetricMeans {
        private final Map<String, double[]> sums = new LinkedHashMap<>();

        void add(String name, double value) {
            double[] s = sums.computeIfAbsent(name, n -> new double[2]);
            s[0] += value;
            s[1] += 1;
        }

        Map<String, Double> means() {
            Map<String, Double> out = new LinkedHashMap<>();
            sums.forEach((name, s) -> out.put(name, s[0] / s[1]));
            return out;
        }
    }
}
