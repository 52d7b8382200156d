package io.rollstream.learner.train;

import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.policy.tokenizer.ChatRole;
import io.rollstream.schemas.avro.Message;
import io.rollstream.tasks.SftExample;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.rollstream.learner.algo.LossAggregation;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.model.TokenBatch;
import io.rollstream.policy.model.TrainForward;
import io.rollstream.policy.tokenizer.CharTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Supervised warm start: maximises the log-likelihood of each example's target (followed by end of turn) given
 * its rendered conversation, token-averaged, for {@code epochs} shuffled passes in minibatches, with the same
 * Adam and gradient clipping as the RL updates. Examples longer than the model's context are skipped.
 */
public final class SftTrainer {

    private final LearnerConfig config;
    private final LearnerModels models;
    private final CharTokenizer tokenizer;

    /** What a run did: mean token loss (nats) of the first and the last epoch, optimiser steps, examples skipped. */
    public record Result(double firstEpochLoss, double lastEpochLoss, int steps, int skipped) {
    }

    public SftTrainer(LearnerConfig config, LearnerModels models, CharTokenizer tokenizer) {
        this.config = Objects.requireNonNull(config, "config");
        this.models = Objects.requireNonNull(models, "models");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    }

    /** An example's conversation as the tokenizer's chat turns. */
    static List<ChatMessage> chat(List<Message> messages) {
        return messages.stream()
                .map(m -> new ChatMessage(ChatRole.valueOf(m.getRole().name()), m.getContent())).toList();
    }

    /** Hears of every optimiser step: steps done so far of the run's total. */
    public interface StepListener {
        void stepped(int done, int total);
    }

    public Result train(List<SftExample> examples) {
        return train(examples, (done, total) -> { });
    }

    public Result train(List<SftExample> examples, StepListener listener) {
        PolicyModel policy = models.policy();
        int maxContext = policy.config().maxContext();
        List<int[]> prompts = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        int skipped = 0;
        for (SftExample e : examples) {
            int[] prompt = tokenizer.encodePrompt(chat(e.messages()), null);
            int[] text = tokenizer.encodeText(e.target());
            int[] target = Arrays.copyOf(text, text.length + 1);
            target[text.length] = CharTokenizer.END_OF_TURN;
            if (prompt.length + target.length > maxContext) {
                skipped++;
                continue;
            }
            prompts.add(prompt);
            targets.add(target);
        }
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException("no SFT example fits the context of " + maxContext + " tokens");
        }
        double first = Double.NaN;
        double last = Double.NaN;
        int steps = 0;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            order.add(i);
        }
        int total = config.epochs() * ((prompts.size() + config.miniBatchSize() - 1) / config.miniBatchSize());
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            java.util.Collections.shuffle(order, new Random(config.seed() * 31 + epoch));
            double sum = 0;
            int batches = 0;
            for (int from = 0; from < order.size(); from += config.miniBatchSize()) {
                List<Integer> rows = order.subList(from, Math.min(order.size(), from + config.miniBatchSize()));
                TokenBatch batch = TokenBatch.of(rows.stream().map(prompts::get).toList(),
                        rows.stream().map(targets::get).toList());
                sum += step(policy, batch);
                batches++;
                steps++;
                listener.stepped(steps, total);
            }
            last = sum / batches;
            first = epoch == 0 ? last : first;
        }
        return new Result(first, last, steps, skipped);
    }

    private double step(PolicyModel policy, TokenBatch batch) {
        return likelihoodStep(models, batch, config.maxGradNorm());
    }

    /**
     * One optimiser step maximising the token-averaged log-likelihood of {@code batch}'s trained response
     * tokens under {@code models}' policy; the loss before the step.
     */
    static double likelihoodStep(LearnerModels models, TokenBatch batch, float maxGradNorm) {
        PolicyModel policy = models.policy();
        double loss;
        synchronized (LearnerModels.GRADIENT_TURN) {
            try (NDManager manager = policy.newManager();
                    GradientCollector collector = models.trainer().newGradientCollector()) {
                // Temperature 1 is the plain softmax: the likelihood the model is sampled from by default.
                TrainForward out = policy.forward(manager, batch, 1f, true);
                NDArray nll = LossAggregation.TOKEN_MEAN.aggregate(out.logProbs().neg(), out.responseMask()); // ()
                collector.backward(nll);
                loss = nll.getFloat();
            }
        }
        models.step(maxGradNorm);
        return loss;
    }
}
