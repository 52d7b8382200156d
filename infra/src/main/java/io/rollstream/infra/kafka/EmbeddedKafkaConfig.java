package io.rollstream.infra.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to start the embedded broker: where its data lives, which client port it listens on and any broker
 * settings that replace the single-node defaults.
 *
 * @param dataDir   directory holding the broker's logs and metadata; reused as-is when it was formatted before
 * @param port      client (PLAINTEXT) port on 127.0.0.1: a fixed port, {@link #FREE_PORT} for any free port, or
 *                  {@link #PREVIOUS_PORT} for the port the broker last used on this data directory (a free port
 *                  when it never ran there)
 * @param overrides broker settings (server.properties keys) applied last, over the defaults
 */
public record EmbeddedKafkaConfig(Path dataDir, int port, Map<String, String> overrides) {

    /** Asks for any free port. */
    public static final int FREE_PORT = 0;

    /** Asks for the port recorded by the previous run on the same data directory. */
    public static final int PREVIOUS_PORT = -1;

    public EmbeddedKafkaConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(overrides, "overrides");
        if (port < PREVIOUS_PORT || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], or -1 for the previous port, got " + port);
        }
        dataDir = dataDir.toAbsolutePath();
        overrides = Map.copyOf(overrides);
    }

    /** A broker on a fresh temporary directory and a free port: the usual choice for tests. */
    public static EmbeddedKafkaConfig temporary() {
        try {
            return new EmbeddedKafkaConfig(Files.createTempDirectory("rollstream-kafka-"), FREE_PORT, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary broker directory", e);
        }
    }

    /** A broker on the given directory and any free port. */
    public static EmbeddedKafkaConfig at(Path dataDir) {
        return new EmbeddedKafkaConfig(dataDir, FREE_PORT, Map.of());
    }

    /** A broker on the given directory and a fixed port. */
    public static EmbeddedKafkaConfig at(Path dataDir, int port) {
        return new EmbeddedKafkaConfig(dataDir, port, Map.of());
    }

    /** A broker resuming the given directory on the port it used last time, so clients keep their address. */
    public static EmbeddedKafkaConfig resume(Path dataDir) {
        return new EmbeddedKafkaConfig(dataDir, PREVIOUS_PORT, Map.of());
    }

    /** This config with one more broker setting. */
    public EmbeddedKafkaConfig withOverride(String key, String value) {
        Map<String, String> merged = new HashMap<>(overrides);
        merged.put(key, value);
        return new EmbeddedKafkaConfig(dataDir, port, merged);
    }
}
