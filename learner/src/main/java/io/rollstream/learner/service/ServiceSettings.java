package io.rollstream.learner.service;

import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.schemas.security.ClientLogin;
import io.rollstream.schemas.topics.ClusterDefaults;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Where the learner service runs: cluster endpoints, directories and limits, separate from how it trains
 * ({@link io.rollstream.learner.config.LearnerConfig}). The {@code rollstream learner} command builds both from
 * its options, starting from {@link #defaults()} and the algorithm's preset.
 *
 * @param bootstrapServers  Kafka bootstrap servers (string, required)
 * @param schemaRegistryUrl schema registry base URL (string, required)
 * @param runDir            directory of checkpoints, {@code metrics.jsonl} and {@code updates.jsonl} (path,
 *                          default {@value #DEFAULT_RUN_DIR})
 * @param weightsDir        root of the content-addressed weights store shared with the actors (path, default
 *                          {@value #DEFAULT_WEIGHTS_DIR}; null means {@code runDir/weights})
 * @param device            AUTO, CPU or GPU (enum, default AUTO)
 * @param stopAfterUpdates  stop after this many updates in total, 0 = run until stopped (long, default 0)
 * @param startAt           with no checkpoint yet: read trajectories appended at or after this time (broker
 *                          append time); null = from the beginning of the topic (instant, default null)
 * @param login             how the learner's Kafka clients and registry client log in (default
 *                          {@link ClientLogin#NONE}, an open cluster)
 */
public record ServiceSettings(String bootstrapServers, String schemaRegistryUrl, Path runDir, Path weightsDir,
                              DeviceChoice device, long stopAfterUpdates, Instant startAt, ClientLogin login) {

    /** Name of the run directory inside the shared data directory, beside the grader's state. */
    public static final String RUN_DIR_NAME = "learner";
    public static final String DEFAULT_RUN_DIR = ClusterDefaults.RUN_DIR + "/" + RUN_DIR_NAME;
    public static final String DEFAULT_WEIGHTS_DIR = ClusterDefaults.WEIGHTS_DIR;
    /** AUTO, CPU or GPU. */
    public static final String DEFAULT_DEVICE = "AUTO";
    /** Run until stopped. */
    public static final long DEFAULT_STOP_AFTER_UPDATES = 0;

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
        Objects.requireNonNull(login, "login");
        if (stopAfterUpdates < 0) {
            throw new IllegalArgumentException("stopAfterUpdates must be >= 0, got " + stopAfterUpdates);
        }
    }

    /** The local cluster, the default directories, any device, no update limit, from the topic's beginning. */
    /** Settings on an open cluster. */
    public ServiceSettings(String bootstrapServers, String schemaRegistryUrl, Path runDir, Path weightsDir,
                           DeviceChoice device, long stopAfterUpdates, Instant startAt) {
        this(bootstrapServers, schemaRegistryUrl, runDir, weightsDir, device, stopAfterUpdates, startAt,
                ClientLogin.NONE);
    }

    /** These settings, logged in with {@code clientLogin}. */
    public ServiceSettings withLogin(ClientLogin clientLogin) {
        return new ServiceSettings(bootstrapServers, schemaRegistryUrl, runDir, weightsDir, device, stopAfterUpdates,
                startAt, clientLogin);
    }

    public static ServiceSettings defaults() {
        return new ServiceSettings(ClusterDefaults.BOOTSTRAP_SERVERS, ClusterDefaults.SCHEMA_REGISTRY_URL,
                Path.of(DEFAULT_RUN_DIR), Path.of(DEFAULT_WEIGHTS_DIR), DeviceChoice.parse(DEFAULT_DEVICE),
                DEFAULT_STOP_AFTER_UPDATES, null);
    }

    /** Consumer group the learner commits its checkpointed offsets to (for lag monitoring). */
    public String consumerGroup(String policyName) {
        return "rollstream-learner-" + policyName;
    }
}
