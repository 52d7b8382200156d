package io.rollstream.learner.service;

import io.rollstream.learner.config.Algorithm;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.train.LearnerModels;
import io.rollstream.tasks.SftExample;
import io.rollstream.tasks.SftExamples;
import io.rollstream.learner.train.SftTrainer;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.policy.weights.LocalWeightsStore;
import io.rollstream.schemas.avro.PolicyVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SFT mode of {@code rollstream learner}: trains a freshly initialised model of the configured preset on a
 * JSON-lines data set and publishes it as the policy's next version (version 1 on an empty topic; no parent, as
 * it starts from fresh weights), the warm start
 * the RL learner and the actors begin from.
 */
public final class SftRun {

    private SftRun() {
    }

    /** What was trained and published; {@code training} spans both stages when there were two. */
    public record Outcome(SftTrainer.Result training, PolicyVersion published) {
    }

    /**
     * A second stage of the warm start: examples made with the model the first stage trained (from its own
     * answers, say), trained on for {@code epochs()} more epochs before anything is published.
     */
    public interface SecondStage {
        List<SftExample> examples(PolicyModel trained) throws IOException;

        int epochs();
    }

    public static Outcome run(LearnerConfig config, ServiceSettings settings, Path data) throws IOException {
        return run(config, settings, SftExamples.read(data), null, (stage, done, total) -> { });
    }

    /** Hears of the warm start's optimiser steps: stage 1 or 2, steps done of the stage's total. */
    public interface Progress {
        void stepped(int stage, int done, int total);
    }

    /** Trains on {@code examples}, then on the second stage's examples if there is one, and publishes once. */
    public static Outcome run(LearnerConfig config, ServiceSettings settings, List<SftExample> examples,
                              SecondStage secondOrNull, Progress progress) throws IOException {
        if (config.algorithm() != Algorithm.SFT) {
            throw new IllegalArgumentException("SftRun needs algorithm SFT, got " + config.algorithm());
        }
        try (LearnerClients clients = new LearnerClients(settings, settings.consumerGroup(config.policyName()));
                LearnerModels models = LearnerModels.create(PolicyModel.create(config.modelPreset().config(),
                        settings.device(), config.seed()), null, config.learningRate())) {
            SftTrainer.Result result = new SftTrainer(config, models, CharTokenizer.standard())
                    .train(examples, (done, total) -> progress.stepped(1, done, total));
            int trainedOn = examples.size() - result.skipped();
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (secondOrNull != null) {
                List<SftExample> more = secondOrNull.examples(models.policy());
                LearnerConfig second = config.toBuilder().epochs(secondOrNull.epochs()).build();
                SftTrainer.Result then = new SftTrainer(second, models, CharTokenizer.standard())
                        .train(more, (done, total) -> progress.stepped(2, done, total));
                metrics.put("sft/first-stage-last-epoch-loss", result.lastEpochLoss());
                metrics.put("sft/second-stage-examples", (double) more.size() - then.skipped());
                trainedOn += more.size() - then.skipped();
                result = new SftTrainer.Result(result.firstEpochLoss(), then.lastEpochLoss(),
                        result.steps() + then.steps(), result.skipped() + then.skipped());
            }
            Optional<PolicyVersion> latest = PolicyVersionReader.latest(clients.versionReader(), config.policyName(),
                    Duration.ofSeconds(30));
            long version = latest.map(PolicyVersion::getVersion).orElse(0L) + 1;
            metrics.put("sft/first-epoch-loss", result.firstEpochLoss());
            metrics.put("sft/last-epoch-loss", result.lastEpochLoss());
            metrics.put("sft/examples", (double) trainedOn);
            PolicyPublisher publisher = new PolicyPublisher(config.policyName(),
                    new LocalWeightsStore(settings.weightsDir()), clients.versions(), settings.runDir().resolve("scratch"));
            PolicyVersion published = publisher.publish(models.policy(), version,
                    null, Algorithm.SFT.name(), result.steps(), metrics);
            return new Outcome(result, published);
        }
    }
}
