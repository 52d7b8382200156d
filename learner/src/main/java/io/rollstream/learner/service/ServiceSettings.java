package io.rollstream.learner.service;

import io.rollstream.policy.model.DeviceChoice;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Where the learner service runs: cluster endpoints, directories and limits, separate from how it trains
 * ({@link io.rollstream.learner.config.LearnerConfig}).
 *
 * @param bootstrapServers  Kafka bootstrap servers (string, required)
 * @param schemaRegistryUrl schema registry base URL (string, required)
 * @param runDir            directory of checkpoints, {@code metrics.jsonl} and {@code updates.jsonl} (path, required)
 * @param weightsDir        root of the content-addressed weights store (path, default {@code runDir/weights})
 * @param device            AUTO, CPU or GPU (enum, default AUTO)
 * @param stopAfterUpdates  stop after this many updates in total, 0 = run until stopped (long, default 0)
 * @param startAt           with no checkpoint yet: read trajectories appended at or after this time (broker
 *                          append time); null = from the beginning of the topic (instant, default null)
 */
public record ServiceSettings(String bootstrapServers, String schemaRegistryUrl, Path runDir, Path weightsDir,
                              DeviceChoice device, long stopAfterUpdates, Instant startAt) {

    public ServiceSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank");
        }
        if (schemaRegistryUrl == null || schemaRegistryUrl.isBlank()) {
            throw new IllegalArgumentException("schemaRegistryUrl must not be blank");
        }
        Objects.requireNonNull(runDir, "runDir");
        weightsDir = weightsDir == null ? runDir.resolve("weights") : weightsDir;
        Objects.requireNonNull(device, "device");
        if (stopAfterUpdates < 0) {
            throw new IllegalArgumentException("stopAfterUpdates must be >= 0, got " + stopAfterUpdates);
        }
    }

    /** Consumer group the learner commits its checkpointed offsets to (for lag monitoring). */
    public String consumerGroup(String policyName) {
        return "rollstream-learner-" + policyName;
    }
}
