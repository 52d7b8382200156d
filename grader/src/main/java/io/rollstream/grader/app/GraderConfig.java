package io.rollstream.grader.app;

import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.grader.topology.GraderSettings;
import io.rollstream.schemas.security.ClientLogin;
import io.rollstream.schemas.topics.ClusterDefaults;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the grader service is configured with, built once by the {@code rollstream grader} command from
 * flags, environment or an argument file. {@link #defaults()} holds every default; the command's options start
 * from it.
 *
 * <table>
 *   <caption>Keys (flag, type, default, meaning)</caption>
 *   <tr><td>--bootstrap-servers</td><td>host:port list</td><td>localhost:9092</td><td>Kafka cluster</td></tr>
 *   <tr><td>--schema-registry-url</td><td>URL</td><td>http://localhost:8081</td><td>schema registry</td></tr>
 *   <tr><td>--application-id</td><td>string</td><td>rollstream-grader</td><td>Streams application id: instances sharing it share the work</td></tr>
 *   <tr><td>--threads</td><td>int &gt;= 1</td><td>1</td><td>stream threads in this instance</td></tr>
 *   <tr><td>--state-dir</td><td>path</td><td>rollstream-data/grader-state</td><td>local state (rebuilt from changelogs if lost)</td></tr>
 *   <tr><td>--attempt-timeout, --closed-retention</td><td>{@link GraderSettings}</td><td>{@link GraderSettings#defaults()}</td><td>grader version, attempt timeout, closed-episode retention</td></tr>
 *   <tr><td>--max-answer-chars, --answer-time-limit</td><td>{@link CheckerConfig}</td><td>{@link CheckerConfig#defaults()}</td><td>answer size cap and time limit</td></tr>
 *   <tr><td>--streams-config key=value</td><td>map</td><td>empty</td><td>extra Kafka Streams properties, applied last</td></tr>
 * </table>
 *
 * @param bootstrapServers   Kafka bootstrap servers
 * @param schemaRegistryUrl  base URL of the schema registry
 * @param applicationId      Kafka Streams application id
 * @param threads            number of stream threads
 * @param stateDir           Kafka Streams state directory
 * @param settings           the topology's own settings
 * @param checker            answer checker limits
 * @param streamsOverrides   extra Kafka Streams properties (e.g. session.timeout.ms), applied after the defaults
 * @param login              how the grader's Kafka clients and registry client log in ({@link ClientLogin#NONE} on
 *                           an open cluster); applied after the overrides, so they cannot undo it
 */
public record GraderConfig(String bootstrapServers, String schemaRegistryUrl, String applicationId, int threads,
                           Path stateDir, GraderSettings settings, CheckerConfig checker,
                           Map<String, String> streamsOverrides, ClientLogin login) {

    /** Grader version written on every verdict (the topology's {@link GraderSettings#GRADER_VERSION}). */
    public static final String GRADER_VERSION = GraderSettings.GRADER_VERSION;
    public static final String DEFAULT_APPLICATION_ID = "rollstream-grader";
    public static final int DEFAULT_THREADS = 1;
    /** Name of the state directory inside the run directory, beside the learner's. */
    public static final String STATE_DIR_NAME = "grader-state";
    public static final String DEFAULT_STATE_DIR = ClusterDefaults.RUN_DIR + "/" + STATE_DIR_NAME;

    public GraderConfig {
        requireText("bootstrapServers", bootstrapServers);
        requireText("schemaRegistryUrl", schemaRegistryUrl);
        requireText("applicationId", applicationId);
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(checker, "checker");
        streamsOverrides = Map.copyOf(streamsOverrides);
        Objects.requireNonNull(login, "login");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** Every default: the local cluster, one thread, the default state directory, settings and checker. */
    public static GraderConfig defaults() {
        return new GraderConfig(ClusterDefaults.BOOTSTRAP_SERVERS, ClusterDefaults.SCHEMA_REGISTRY_URL,
                DEFAULT_APPLICATION_ID, DEFAULT_THREADS, Path.of(DEFAULT_STATE_DIR), GraderSettings.defaults(),
                CheckerConfig.defaults(), Map.of(), ClientLogin.NONE);
    }

    /** This config against another cluster. */
    public GraderConfig withCluster(String bootstrap, String registryUrl) {
        return new GraderConfig(bootstrap, registryUrl, applicationId, threads, stateDir, settings, checker,
                streamsOverrides, login);
    }

    /** This config under another application id, state directory and thread count. */
    public GraderConfig withInstance(String application, Path directory, int threadCount) {
        return new GraderConfig(bootstrapServers, schemaRegistryUrl, application, threadCount, directory, settings,
                checker, streamsOverrides, login);
    }

    /** This config with other topology settings. */
    public GraderConfig withSettings(GraderSettings topologySettings) {
        return new GraderConfig(bootstrapServers, schemaRegistryUrl, applicationId, threads, stateDir,
                topologySettings, checker, streamsOverrides, login);
    }

    /** This config with other checker limits. */
    public GraderConfig withChecker(CheckerConfig checkerConfig) {
        return new GraderConfig(bootstrapServers, schemaRegistryUrl, applicationId, threads, stateDir, settings,
                checkerConfig, streamsOverrides, login);
    }

    /** This config with other extra Kafka Streams properties. */
    public GraderConfig withStreamsOverrides(Map<String, String> overrides) {
        return new GraderConfig(bootstrapServers, schemaRegistryUrl, applicationId, threads, stateDir, settings,
                checker, overrides, login);
    }

    /** This config logged in with {@code clientLogin}. */
    public GraderConfig withLogin(ClientLogin clientLogin) {
        return new GraderConfig(bootstrapServers, schemaRegistryUrl, applicationId, threads, stateDir, settings,
                checker, streamsOverrides, clientLogin);
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
