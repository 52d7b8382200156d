package io.rollstream.actor.config;

import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.schemas.security.ClientLogin;
import io.rollstream.schemas.topics.ClusterDefaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything an actor needs, built once by the {@code rollstream actor} command from flags, environment variables
 * or an argument file (its help names the flag and variable of every key). Every default is one of the
 * {@code DEFAULT_*} constants below, which the command's options and {@link #defaults()} share. Each component
 * downstream takes this record, never {@code Properties}.
 *
 * @param bootstrapServers      Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param schemaRegistryUrl     Confluent-compatible schema registry, {@code http(s)://...}
 * @param actorId               stable identity of this actor: transactional id suffix, static group member id,
 *                              stamped on every attempt; a restart with the same id fences its predecessor
 * @param groupId               consumer group shared by the actors of one policy (default
 *                              rollstream-actors-POLICY): each policy's actors read the prompts topic in their
 *                              own group and answer only the prompts that name their policy
 * @param policyName            policy whose versions this actor follows (default default)
 * @param batchSize             most prompts generated together (default 16); also the bound on in-flight work
 * @param maxBatchWait          longest wait to fill a batch before generating a partial one (default 100 ms)
 * @param temperature           default sampling temperature, 0 = greedy (default 1.0); prompts may override
 * @param topP                  nucleus-sampling mass in (0, 1] (default 1.0)
 * @param maxNewTokens          default token limit per attempt (default 256); prompts may lower or raise it
 * @param device                AUTO, CPU or GPU (default AUTO)
 * @param seed                  base seed of the sampling streams (default 0)
 * @param weightsDir            local content-addressed weights store, used when a file URI is not reachable
 *                              (default rollstream-data/weights, the learner's default too)
 * @param transactionalIdPrefix prefix of the producer's transactional id (default rollstream-actor-)
 * @param sessionTimeout        consumer group session timeout: how long a dead actor keeps its partitions
 *                              before the group reassigns them (default 45 s, Kafka's default)
 * @param login                 how the actor's Kafka clients and registry client log in (default
 *                              {@link ClientLogin#NONE}, an open cluster)
 */
public record ActorConfig(
        String bootstrapServers,
        String schemaRegistryUrl,
        String actorId,
        String groupId,
        String policyName,
        int batchSize,
        Duration maxBatchWait,
        float temperature,
        float topP,
        int maxNewTokens,
        DeviceChoice device,
        long seed,
        Path weightsDir,
        String transactionalIdPrefix,
        Duration sessionTimeout,
        ClientLogin login) {

    public static final String DEFAULT_ACTOR_ID = "actor-1";
    /** Prefix of the default consumer group; the policy name completes it. */
    public static final String DEFAULT_GROUP_PREFIX = "rollstream-actors-";
    public static final String DEFAULT_POLICY_NAME = ClusterDefaults.POLICY_NAME;
    public static final int DEFAULT_BATCH_SIZE = 16;
    public static final long DEFAULT_MAX_BATCH_WAIT_MS = 100;
    public static final float DEFAULT_TEMPERATURE = 1.0f;
    public static final float DEFAULT_TOP_P = 1.0f;
    public static final int DEFAULT_MAX_NEW_TOKENS = 256;
    /** AUTO, CPU or GPU. */
    public static final String DEFAULT_DEVICE = "AUTO";
    public static final long DEFAULT_SEED = 0;
    public static final String DEFAULT_WEIGHTS_DIR = ClusterDefaults.WEIGHTS_DIR;
    /** Default transactional id prefix. */
    public static final String DEFAULT_TRANSACTIONAL_ID_PREFIX = "rollstream-actor-";
    /** Kafka's own default session timeout. */
    public static final long DEFAULT_SESSION_TIMEOUT_MS = 45_000;

    /** The consumer group of {@code policyName}'s actors when none is given. */
    public static String defaultGroupId(String policyName) {
        return DEFAULT_GROUP_PREFIX + policyName;
    }

    // Kafka ids travel in requests and file names: keep them to a conservative alphabet.
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(6);

    public ActorConfig {
        requireText("bootstrapServers", bootstrapServers);
        requireText("schemaRegistryUrl", schemaRegistryUrl);
        if (!schemaRegistryUrl.startsWith("http://") && !schemaRegistryUrl.startsWith("https://")) {
            throw new IllegalArgumentException(
                    "schemaRegistryUrl must start with http:// or https://, got '" + schemaRegistryUrl + "'");
        }
        requireId("actorId", actorId);
        requireId("policyName", policyName);
        if (groupId == null || groupId.isEmpty()) {
            groupId = defaultGroupId(policyName);
        }
        requireId("groupId", groupId);
        if (batchSize < 1 || batchSize > 4096) {
            throw new IllegalArgumentException("batchSize must be in 1..4096, got " + batchSize);
        }
        Objects.requireNonNull(maxBatchWait, "maxBatchWait");
        if (maxBatchWait.isNegative() || maxBatchWait.isZero() || maxBatchWait.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("maxBatchWait must be in (0, 1 min], got " + maxBatchWait);
        }
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be a positive integer, got " + maxNewTokens);
        }
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(weightsDir, "weightsDir");
        requireId("transactionalIdPrefix", transactionalIdPrefix);
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        if (sessionTimeout.compareTo(MIN_SESSION_TIMEOUT) < 0 || sessionTimeout.compareTo(Duration.ofMinutes(30)) > 0) {
            // The broker's default group.min.session.timeout.ms is 6 s; below it every join fails.
            throw new IllegalArgumentException("sessionTimeout must be in [6 s, 30 min], got " + sessionTimeout);
        }
        Objects.requireNonNull(login, "login");
    }

    /** Every default: the local cluster, actor-1, and the {@code DEFAULT_*} values. */
    public static ActorConfig defaults() {
        return builder().build();
    }

    /** A builder holding every default, for callers that set a few keys. */
    public static Builder builder() {
        return new Builder();
    }

    /** The producer's transactional id: stable per actor id, so a restarted actor fences its zombie. */
    public String transactionalId() {
        return transactionalIdPrefix + actorId;
    }

    /** Name written into dead-letter headers as the rejecting component. */
    public String componentName() {
        return "actor-" + actorId;
    }

    private static void requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " must be a non-blank string");
        }
    }

    private static void requireId(String key, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    key + " must be 1-200 characters of letters, digits, '.', '_' or '-', got '" + value + "'");
        }
    }

    /** Collects keys one at a time; {@link #build()} validates them all through the record's constructor. */
    public static final class Builder {
        private String bootstrapServers = ClusterDefaults.BOOTSTRAP_SERVERS;
        private String schemaRegistryUrl = ClusterDefaults.SCHEMA_REGISTRY_URL;
        private String actorId = DEFAULT_ACTOR_ID;
        private String groupId = "";
        private String policyName = DEFAULT_POLICY_NAME;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration maxBatchWait = Duration.ofMillis(DEFAULT_MAX_BATCH_WAIT_MS);
        private float temperature = DEFAULT_TEMPERATURE;
        private float topP = DEFAULT_TOP_P;
        private int maxNewTokens = DEFAULT_MAX_NEW_TOKENS;
        private DeviceChoice device = DeviceChoice.parse(DEFAULT_DEVICE);
        private long seed = DEFAULT_SEED;
        private Path weightsDir = Path.of(DEFAULT_WEIGHTS_DIR);
        private String transactionalIdPrefix = DEFAULT_TRANSACTIONAL_ID_PREFIX;
        private Duration sessionTimeout = Duration.ofMillis(DEFAULT_SESSION_TIMEOUT_MS);
        private ClientLogin login = ClientLogin.NONE;

        private Builder() {
        }

        public Builder bootstrapServers(String value) {
            bootstrapServers = value;
            return this;
        }

        public Builder schemaRegistryUrl(String value) {
            schemaRegistryUrl = value;
            return this;
        }

        public Builder actorId(String value) {
            actorId = value;
            return this;
        }

        public Builder groupId(String value) {
            groupId = value;
            return this;
        }

        public Builder policyName(String value) {
            policyName = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder maxBatchWait(Duration value) {
            maxBatchWait = value;
            return this;
        }

        public Builder temperature(float value) {
            temperature = value;
            return this;
        }

        public Builder topP(float value) {
            topP = value;
            return this;
        }

        public Builder maxNewTokens(int value) {
            maxNewTokens = value;
            return this;
        }

        public Builder device(DeviceChoice value) {
            device = value;
            return this;
        }

        /** Parses AUTO, CPU or GPU (any case). */
        public Builder device(String value) {
            try {
                device = DeviceChoice.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("device must be one of AUTO, CPU or GPU, got '" + value + "'", e);
            }
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder weightsDir(Path value) {
            weightsDir = value;
            return this;
        }

        public Builder transactionalIdPrefix(String value) {
            transactionalIdPrefix = value;
            return this;
        }

        public Builder sessionTimeout(Duration value) {
            sessionTimeout = value;
            return this;
        }

        public Builder login(ClientLogin value) {
            login = value;
            return this;
        }

        public ActorConfig build() {
            return new ActorConfig(bootstrapServers, schemaRegistryUrl, actorId, groupId, policyName, batchSize,
                    maxBatchWait, temperature, topP, maxNewTokens, device, seed, weightsDir,
                    transactionalIdPrefix, sessionTimeout, login);
        }
    }
}
