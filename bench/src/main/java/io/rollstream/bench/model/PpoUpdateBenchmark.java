package io.rollstream.bench.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.rollstream.bench.generate.MatmulProbe;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.train.GradientClipper;
import io.rollstream.learner.train.LearnerModels;
import io.rollstream.learner.train.PolicyGradientObjective;
import io.rollstream.learner.train.ResumableAdam;
import io.rollstream.policy.llama.LlamaModel;
import io.rollstream.policy.model.TokenBatch;
import io.rollstream.policy.model.TrainForward;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Times the learner's PPO step on a loaded checkpoint: the PPO preset's objective ({@link PolicyGradientObjective}:
 * clipped surrogate, clipped value loss, k3 KL) over one batch, backpropagated, the gradient norm clipped and one
 * {@link ResumableAdam} step taken, as the learner does for each minibatch. Every sequence is the chat prompt's
 * first tokens followed by fixed random response ids, so no padding is needed. The old log-probs, critic values
 * and reference log-probs come from one no-gradient pass before the first update; advantages are fixed (+1 and
 * -0.5 on alternate sequences) and the returns are the old values plus them. The timed part of an update is the
 * forward pass with gradients, the backward pass and the optimiser step.
 */
final class PpoUpdateBenchmark {

    private static final float TEMPERATURE = 1f;

    private PpoUpdateBenchmark() {}

    /** Runs a warm-up and {@code config.updates()} measured updates on {@code model}, which they train. */
    static PpoUpdateResult run(LlamaModel model, Device device, int[] chatPrompt, PpoBenchConfig config) {
        int maxContext = model.config().maxContext();
        if (config.tokens() > maxContext) {
            throw new IllegalArgumentException("PPO sequences of " + config.tokens()
                    + " tokens exceed the model's context of " + maxContext);
        }
        LearnerConfig ppo = LearnerConfig.ppo();
        TokenBatch batch = batch(model.config().vocabSize(), chatPrompt, config);
        int responseTokens = config.tokens() - config.promptTokens(chatPrompt.length);
        float[] oldLogProbs;
        float[] oldValues;
        try (NDManager manager = model.newManager()) {
            TrainForward before = model.forward(manager, batch, TEMPERATURE, false);
            oldLogProbs = before.logProbs().toFloatArray(); // (B * R)
            oldValues = before.values().toFloatArray(); // (B * R)
        }
        float[] advantages = new float[oldValues.length];
        float[] returns = new float[oldValues.length];
        for (int i = 0; i < advantages.length; i++) {
            advantages[i] = (i / responseTokens) % 2 == 0 ? 1f : -0.5f;
            returns[i] = oldValues[i] + advantages[i];
        }
        Map<String, String> nameById = new HashMap<>();
        model.block().parametersByName().forEach((name, parameter) -> nameById.put(parameter.getId(), name));
        Shape shape = new Shape(config.sequences(), responseTokens);
        try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(new ResumableAdam(ppo.learningRate(), nameById)))) {
            Runnable update = () -> {
                try (NDManager manager = model.newManager()) {
                    PolicyGradientObjective.Targets targets = new PolicyGradientObjective.Targets(
                            manager.create(oldLogProbs, shape), manager.create(advantages, shape),
                            manager.create(oldLogProbs, shape), manager.create(oldValues, shape),
                            manager.create(returns, shape)); // each (B, R)
                    step(model, trainer, manager, batch, ppo, targets);
                }
            };
            double warmUp = seconds(update);
            List<Double> measured = new ArrayList<>();
            for (int u = 0; u < config.updates(); u++) {
                measured.add(seconds(update));
            }
            double matmul = MatmulProbe.measure(device, 1024, 1.0);
            return new PpoUpdateResult(config.sequences(), config.tokens(), config.promptTokens(chatPrompt.length),
                    model.parameterCount(), warmUp, measured, matmul);
        }
    }

    /** Forward with gradients, the objective, backward, then the learner's clipped optimiser step. */
    private static void step(LlamaModel model, Trainer trainer, NDManager manager, TokenBatch batch,
            LearnerConfig ppo, PolicyGradientObjective.Targets targets) {
        synchronized (LearnerModels.GRADIENT_TURN) {
            try (GradientCollector collector = trainer.newGradientCollector()) {
                TrainForward out = model.forward(manager, batch, TEMPERATURE, true);
                NDArray total = PolicyGradientObjective.compute(ppo, out, targets, false).total(); // ()
                collector.backward(total);
            }
            double norm = GradientClipper.clip(model.trainableParameters(), ppo.maxGradNorm());
            if (!(norm > 0 && Double.isFinite(norm))) {
                throw new IllegalStateException("the PPO update's gradient norm is " + norm);
            }
            trainer.step();
        }
    }

    /** {@code sequences} rows of the chat prompt's first tokens and seeded random response ids. */
    static TokenBatch batch(int vocabSize, int[] chatPrompt, PpoBenchConfig config) {
        int promptTokens = config.promptTokens(chatPrompt.length);
        int[] prompt = Arrays.copyOf(chatPrompt, promptTokens);
        Random random = new Random(7);
        List<int[]> prompts = new ArrayList<>();
        List<int[]> responses = new ArrayList<>();
        for (int row = 0; row < config.sequences(); row++) {
            prompts.add(prompt);
            responses.add(random.ints(config.tokens() - promptTokens, 0, vocabSize).toArray());
        }
        return TokenBatch.of(prompts, responses);
    }

    private static double seconds(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e9;
    }
}
