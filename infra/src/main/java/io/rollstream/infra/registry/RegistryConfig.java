package io.rollstream.infra.registry;

import java.util.Objects;

/**
 * Where the embedded schema registry stores its data and listens.
 *
 * @param bootstrapServers Kafka cluster holding the {@code _schemas} topic
 * @param host             interface to listen on, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port             HTTP port; 0 picks a free one
 */
public record RegistryConfig(String bootstrapServers, String host, int port) {

    public RegistryConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(host, "host");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
    }

    /** A registry on 127.0.0.1 and a free port. */
    public static RegistryConfig local(String bootstrapServers) {
        return new RegistryConfig(bootstrapServers, "127.0.0.1", 0);
    }

    /** A registry on 127.0.0.1 and the given port. */
    public static RegistryConfig local(String bootstrapServers, int port) {
        return new RegistryConfig(bootstrapServers, "127.0.0.1", port);
    }
}
