package io.rollstream.infra.stack;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and on which ports the single-machine stack runs.
 *
 * @param dataDir       directory of the broker's logs and metadata (kept across restarts)
 * @param kafkaPort     Kafka listener port (of the first broker; the others take the next ports); 0 picks free ports
 * @param registryPort  schema registry HTTP port; 0 picks a free port
 * @param brokers       number of KRaft brokers: 1, or 3 and more for replication factor 3 and min.insync.replicas 2
 */
public record LocalStackConfig(Path dataDir, int kafkaPort, int registryPort, int brokers) {

    public LocalStackConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        requirePort("kafkaPort", kafkaPort);
        requirePort("registryPort", registryPort);
        if (brokers != 1 && brokers < 3) {
            throw new IllegalArgumentException("brokers must be 1, or 3 or more for replication factor 3 with"
                    + " min.insync.replicas 2, got " + brokers);
        }
    }

    /** A single-broker stack. */
    public LocalStackConfig(Path dataDir, int kafkaPort, int registryPort) {
        this(dataDir, kafkaPort, registryPort, 1);
    }

    /** A stack on free ports in {@code dataDir}, as tests and the demo use it. */
    public static LocalStackConfig onFreePorts(Path dataDir) {
        return new LocalStackConfig(dataDir, 0, 0);
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be 0 (any free port) or 1..65535, got " + port);
        }
    }
}
