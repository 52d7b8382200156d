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

    /** What was trained and published. */
    public record Outcome(SftTrainer.Result training, PolicyVersion published) {
    }

    public static Outcome run(LearnerConfig config, ServiceSettings settings, Path data) throws IOException {
        if (config.algorithm() != Algorithm.SFT) {
            throw new IllegalArgumentException("SftRun needs algorithm SFT, got " + config.algorithm());
        }
        List<SftExample> examples = SftExamples.read(data);
        try (LearnerClients clients = new LearnerClients(settings, settings.consumerGroup(config.policyName()));
                LearnerModels models = LearnerModels.create(PolicyModel.create(config.modelPreset().config(),
                        settings.device(), config.seed()), null, config.learningRate())) {
            SftTrainer.Result result = new SftTrainer(config, models, CharTokenizer.standard()).train(examples);
            Optional<PolicyVersion> latest = PolicyVersionReader.latest(clients.versionReader(), config.policyName(),
                    Duration.ofSeconds(30));
            long version = latest.map(PolicyVersion::getVersion).orElse(0L) + 1;
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("sft/first-epoch-loss", result.firstEpochLoss());
            metrics.put("sft/last-epoch-loss", result.lastEpochLoss());
            metrics.put("sft/examples", (double) examples.size() - result.skipped());
            PolicyPublisher publisher = new PolicyPublisher(config.policyName(),
                    new LocalWeightsStore(settings.weightsDir()), clients.versions(), settings.runDir().resolve("scratch"));
            PolicyVersion published = publisher.publish(models.policy(), version,
                    null, Algorithm.SFT.name(), result.steps(), metrics);
            return new Outcome(result, published);
        }
    }
}
