package io.rollstream.infra.stack;

import io.rollstream.infra.kafka.EmbeddedKafka;
import io.rollstream.infra.kafka.EmbeddedKafkaCluster;
import io.rollstream.infra.kafka.EmbeddedKafkaConfig;
import io.rollstream.infra.kafka.SecureEmbeddedKafka;
import io.rollstream.infra.registry.EmbeddedSchemaRegistry;
import io.rollstream.infra.registry.RegistryAccess;
import io.rollstream.infra.registry.RegistryConfig;
import io.rollstream.infra.security.SaslClients;
import io.rollstream.infra.security.ScramUsers;
import io.rollstream.infra.security.SecurityCredentials;
import io.rollstream.infra.topics.ProvisionReport;
import io.rollstream.infra.topics.TopicProvisioner;
import io.rollstream.schemas.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Everything Rollstream needs on one machine: a real KRaft broker (or a cluster of three or more), the schema
 * registry on top of it, and every topic of the catalog. Used by {@code rollstream broker}, the demo and the
 * integration tests.
 */
public final class LocalStack implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final EmbeddedKafkaCluster cluster;
    private final EmbeddedSchemaRegistry registry;
    private final ProvisionReport provisionReport;

    private LocalStack(EmbeddedKafka kafka, EmbeddedKafkaCluster cluster, EmbeddedSchemaRegistry registry,
                       ProvisionReport provisionReport) {
        this.kafka = kafka;
        this.cluster = cluster;
        this.registry = registry;
        this.provisionReport = provisionReport;
    }

    /** Starts (or restarts, on an existing data directory) the broker, provisions the topics, starts the registry. */
    public static LocalStack start(LocalStackConfig config) {
        if (config.brokers() > 1) {
            EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(config.dataDir(), config.brokers(),
                    config.kafkaPort());
            try {
                return withTopicsAndRegistry(null, cluster, cluster.bootstrapServers(),
                        EmbeddedKafkaCluster.REPLICATION_FACTOR, config);
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.at(config.dataDir(), config.kafkaPort()));
        try {
            return withTopicsAndRegistry(kafka, null, kafka.bootstrapServers(), 1, config);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /**
     * Starts the single-broker stack in secure mode: a SASL/SCRAM-SHA-512 listener with Kafka's StandardAuthorizer,
     * a SCRAM user per role with the catalog's least-privilege ACLs, topics created by the administrator, and
     * a registry behind HTTP basic auth (read-only for subscribers and auditors).
     */
    public static LocalStack startSecure(LocalStackConfig config, SecurityCredentials credentials) {
        if (config.brokers() != 1) {
            throw new IllegalArgumentException("secure mode runs one broker so far, not " + config.brokers());
        }
        EmbeddedKafka kafka = SecureEmbeddedKafka.start(config.dataDir(), config.kafkaPort(), credentials.admin());
        try {
            Map<String, Object> login = SaslClients.properties(credentials.admin());
            Map<String, Object> adminConfig = new HashMap<>(login);
            adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            ProvisionReport report;
            try (Admin admin = Admin.create(adminConfig)) {
                ScramUsers.upsertRoleUsers(admin, credentials);
                ScramUsers.applyAcls(admin, credentials);
                report = new TopicProvisioner(admin, 1).ensure(Topics.all());
            }
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
                    RegistryConfig.local(kafka.bootstrapServers(), config.registryPort()), login,
                    RegistryAccess.forRoles(credentials));
            return new LocalStack(kafka, null, registry, report);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    private static LocalStack withTopicsAndRegistry(EmbeddedKafka kafka, EmbeddedKafkaCluster cluster,
                                                    String bootstrapServers, int replicationFactor,
                                                    LocalStackConfig config) {
        ProvisionReport report;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            report = new TopicProvisioner(admin, replicationFactor).ensure(Topics.all());
        }
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(
                RegistryConfig.local(bootstrapServers, config.registryPort()));
        return new LocalStack(kafka, cluster, registry, report);
    }

    public String bootstrapServers() {
        return cluster != null ? cluster.bootstrapServers() : kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    /** The single broker; a stack of several brokers has {@link #cluster()} instead. */
    public EmbeddedKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException("this stack runs " + cluster.size() + " brokers; use cluster()");
        }
        return kafka;
    }

    /** The brokers of a stack started with more than one. */
    public EmbeddedKafkaCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("this stack runs a single broker; use kafka()");
        }
        return cluster;
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
            if (cluster != null) {
                cluster.close();
            } else {
                kafka.close();
            }
        }
    }
}
