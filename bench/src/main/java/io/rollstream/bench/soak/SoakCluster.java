package io.rollstream.bench.soak;

import io.rollstream.infra.kafka.EmbeddedKafkaCluster;
import io.rollstream.infra.registry.EmbeddedSchemaRegistry;
import io.rollstream.infra.registry.RegistryConfig;
import io.rollstream.infra.topics.TopicProvisioner;
import io.rollstream.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Three KRaft nodes in this JVM with the schema registry and every topic replicated three ways
 * ({@code min.insync.replicas=2}), and an admin client to find which node leads the attempts partitions.
 */
final class SoakCluster implements AutoCloseable {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedKafkaCluster kafka;
    private final EmbeddedSchemaRegistry registry;
    private final Admin admin;

    private SoakCluster(EmbeddedKafkaCluster kafka, EmbeddedSchemaRegistry registry, Admin admin) {
        this.kafka = kafka;
        this.registry = registry;
        this.admin = admin;
    }

    /** Starts the nodes under {@code dataDir}, creates every topic, then starts the registry. */
    static SoakCluster start(Path dataDir) {
        EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(dataDir, 3, 0);
        Admin admin = null;
        try {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
            new TopicProvisioner(admin, EmbeddedKafkaCluster.REPLICATION_FACTOR).ensure(Topics.all());
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(RegistryConfig.local(kafka.bootstrapServers()));
            return new SoakCluster(kafka, registry, admin);
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.close();
            }
            kafka.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    /** The node leading the most attempts partitions (the lowest id on a tie). */
    int attemptsLeader() throws InterruptedException, ExecutionException, TimeoutException {
        TopicDescription attempts = admin.describeTopics(List.of(Topics.ATTEMPTS.name())).allTopicNames()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(Topics.ATTEMPTS.name());
        Map<Integer, Integer> led = new HashMap<>();
        for (TopicPartitionInfo p : attempts.partitions()) {
            Node leader = p.leader();
            if (leader != null && !leader.isEmpty()) {
                led.merge(leader.id(), 1, Integer::sum);
            }
        }
        return led.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(e -> -e.getKey()))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException(Topics.ATTEMPTS.name() + " has no leader"));
    }

    /**
     * Stops {@code nodeId} (a controlled shutdown, which hands its leaderships over), starts it again on its data
     * directory, and waits until every partition of every topic has all three replicas in sync again.
     */
    void bounce(int nodeId, Duration catchUpLimit)
            throws InterruptedException, ExecutionException, TimeoutException {
        kafka.stopNode(nodeId);
        kafka.restartNode(nodeId);
        long deadline = System.nanoTime() + catchUpLimit.toNanos();
        while (underReplicated() > 0) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("node " + nodeId + " did not catch up within " + catchUpLimit);
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    /** Partitions, internal topics included, with fewer in-sync replicas than replicas. */
    private int underReplicated() throws InterruptedException, ExecutionException, TimeoutException {
        Collection<String> names = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        int under = 0;
        for (TopicDescription topic : admin.describeTopics(names).allTopicNames()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values()) {
            for (TopicPartitionInfo p : topic.partitions()) {
                under += p.isr().size() < p.replicas().size() ? 1 : 0;
            }
        }
        return under;
    }

    @Override
    public void close() {
        try {
            admin.close(Duration.ofSeconds(5));
            registry.close();
        } finally {
            kafka.close();
        }
    }
}
