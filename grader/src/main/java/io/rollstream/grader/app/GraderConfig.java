package io.rollstream.grader.app;

import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.grader.topology.GraderSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the grader service is configured with, built once from flags or environment.
 *
 * <table>
 *   <caption>Keys (flag / environment variable, type, default, meaning)</caption>
 *   <tr><td>--bootstrap-servers / ROLLSTREAM_BOOTSTRAP_SERVERS</td><td>host:port list</td><td>localhost:9092</td><td>Kafka cluster</td></tr>
 *   <tr><td>--schema-registry-url / ROLLSTREAM_SCHEMA_REGISTRY_URL</td><td>URL</td><td>http://localhost:8081</td><td>schema registry</td></tr>
 *   <tr><td>--application-id</td><td>string</td><td>rollstream-grader</td><td>Streams application id: instances sharing it share the work</td></tr>
 *   <tr><td>--threads</td><td>int &gt;= 1</td><td>1</td><td>stream threads in this instance</td></tr>
 *   <tr><td>--state-dir</td><td>path</td><td>temp dir</td><td>local state (rebuilt from changelogs if lost)</td></tr>
 *   <tr><td>--metrics-port</td><td>int, -1 = off, 0 = any</td><td>-1</td><td>Prometheus endpoint /metrics</td></tr>
 *   <tr><td>settings</td><td>{@link GraderSettings}</td><td></td><td>grader version, attempt timeout, closed-episode retention</td></tr>
 *   <tr><td>checker</td><td>{@link CheckerConfig}</td><td></td><td>answer size cap and time limit</td></tr>
 *   <tr><td>--streams-config key=value</td><td>map</td><td>empty</td><td>extra Kafka Streams properties, applied last</td></tr>
 * </table>
 *
 * @param bootstrapServers   Kafka bootstrap servers
 * @param schemaRegistryUrl  base URL of the schema registry
 * @param applicationId      Kafka Streams application id
 * @param threads            number of stream threads
 * @param stateDir           Kafka Streams state directory
 * @param metricsPort        port of the Prometheus endpoint; -1 disables it, 0 picks a free port
 * @param settings           the topology's own settings
 * @param checker            answer checker limits
 * @param streamsOverrides   extra Kafka Streams properties (e.g. session.timeout.ms), applied after the defaults
 */
public record GraderConfig(String bootstrapServers, String schemaRegistryUrl, String applicationId, int threads,
                           Path stateDir, int metricsPort, GraderSettings settings, CheckerConfig checker,
                           Map<String, String> streamsOverrides) {

    /** Grader version written on every verdict; bump it whenever grading or the protocol changes. */
    public static final String GRADER_VERSION = "1.0.0";

    public GraderConfig {
        requireText("bootstrapServers", bootstrapServers);
        requireText("schemaRegistryUrl", schemaRegistryUrl);
        requireText("applicationId", applicationId);
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(checker, "checker");
        streamsOverrides = Map.copyOf(streamsOverrides);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (metricsPort < -1 || metricsPort > 65535) {
            throw new IllegalArgumentException("metricsPort must be -1 (off), 0 (any) or a port, got " + metricsPort);
        }
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
