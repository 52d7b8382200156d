package io.rollstream.cli.chaos;

import io.rollstream.infra.kafka.EmbeddedKafka;
import io.rollstream.infra.kafka.EmbeddedKafkaConfig;
import io.rollstream.infra.registry.EmbeddedSchemaRegistry;
import io.rollstream.infra.registry.RegistryConfig;
import io.rollstream.infra.topics.TopicProvisioner;
import io.rollstream.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The broker, the schema registry and the topics assembled piece by piece (what {@code LocalStack} does in one
 * call), so the broker alone can be stopped and started again on its data directory and port while the
 * registry and every client keep running and reconnect.
 */
final class ChaosStack implements StackAddress, AutoCloseable {

    private final Path dataDir;
    private final EmbeddedSchemaRegistry registry;
    private EmbeddedKafka kafka;

    private ChaosStack(Path dataDir, EmbeddedKafka kafka, EmbeddedSchemaRegistry registry) {
        this.dataDir = dataDir;
        this.kafka = kafka;
        this.registry = registry;
    }

    static ChaosStack start(Path dataDir) {
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.at(dataDir));
        try {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                new TopicProvisioner(admin, 1).ensure(Topics.all());
            }
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(RegistryConfig.local(kafka.bootstrapServers()));
            return new ChaosStack(dataDir, kafka, registry);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String registryUrl() {
        return registry.url();
    }

    /**
     * Shuts the broker down and starts it again on the same data directory and client port; returns how long
     * clients had no broker.
     */
    synchronized Duration restartBroker() {
        long stopped = System.nanoTime();
        int port = kafka.port();
        kafka.close();
        kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.resume(dataDir));
        if (kafka.port() != port) {
            throw new AssertionError("broker came back on port " + kafka.port() + " instead of " + port);
        }
        return Duration.ofNanos(System.nanoTime() - stopped);
    }

    @Override
    public synchronized void close() {
        try {
            registry.close();
        } finally {
            kafka.close();
        }
    }
}
