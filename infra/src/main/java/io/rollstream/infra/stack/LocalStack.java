package io.rollstream.infra.stack;

import io.rollstream.infra.kafka.EmbeddedKafka;
import io.rollstream.infra.kafka.EmbeddedKafkaConfig;
import io.rollstream.infra.registry.EmbeddedSchemaRegistry;
import io.rollstream.infra.registry.RegistryConfig;
import io.rollstream.infra.topics.ProvisionReport;
import io.rollstream.infra.topics.TopicProvisioner;
import io.rollstream.schemas.topics.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Everything Rollstream needs on one machine: a real KRaft broker, the schema registry on top of it, and every
 * topic of the catalog. Used by {@code rollstream broker}, the demo and the integration tests.
 */
public final class LocalStack implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final EmbeddedSchemaRegistry registry;
    private final ProvisionReport provisionReport;

    private LocalStack(EmbeddedKafka kafka, EmbeddedSchemaRegistry registry, ProvisionReport provisionReport) {
        this.kafka = kafka;
        this.registry = registry;
        this.provisionReport = provisionReport;
    }

    /** Starts (or restarts, on an existing data directory) the broker, provisions the topics, starts the registry. */
    public static LocalStack start(LocalStackConfig config) {
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.at(config.dataDir(), config.kafkaPort()));
        try {
            ProvisionReport report;
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                report = new TopicProvisioner(admin, 1).ensure(Topics.all());
            }
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
                    RegistryConfig.local(kafka.bootstrapServers(), config.registryPort()));
            return new LocalStack(kafka, registry, report);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** What provisioning found: created topics, matching ones, and any whose config differs. */
    public ProvisionReport provisionReport() {
        return provisionReport;
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            kafka.close();
        }
    }
}
