package io.rollstream.cli.chaos;

import io.rollstream.infra.kafka.EmbeddedKafkaCluster;
import io.rollstream.infra.registry.EmbeddedSchemaRegistry;
import io.rollstream.infra.registry.RegistryConfig;
import io.rollstream.infra.topics.TopicProvisioner;
import io.rollstream.schemas.topics.Topic;
import io.rollstream.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Three KRaft brokers in JVMs of their own (one {@link ClusterNodeMain} each, on one prepared layout), every topic
 * of the catalog replicated three ways with {@code min.insync.replicas=2}, and the schema registry in this JVM.
 * A single broker can be killed with SIGKILL and started again on its data directory while the others serve.
 */
final class ClusterChaosStack implements StackAddress, AutoCloseable {

    static final int NODES = 3;
    private static final Duration NODE_START = Duration.ofMinutes(2);
    /** The internal topics whose replication keeps offsets and transactions alive when a broker dies. */
    private static final List<String> INTERNAL = List.of("__consumer_offsets", "__transaction_state");

    private final String bootstrapServers;
    private final List<ChildJvm> nodes;
    private final Admin admin;
    private final EmbeddedSchemaRegistry registry;

    private ClusterChaosStack(String bootstrapServers, List<ChildJvm> nodes, Admin admin,
                              EmbeddedSchemaRegistry registry) {
        this.bootstrapServers = bootstrapServers;
        this.nodes = nodes;
        this.admin = admin;
        this.registry = registry;
    }

    static ClusterChaosStack start(Path dataDir, Path logDir) throws InterruptedException {
        EmbeddedKafkaCluster layout = EmbeddedKafkaCluster.prepare(dataDir, NODES, 0);
        List<ChildJvm> nodes = new ArrayList<>();
        for (int id : layout.nodeIds()) {
            nodes.add(ChildJvm.ofMain("broker-" + id, ClusterNodeMain.class, PipelineJvms.jvmOptions("-Xmx512m"),
                    List.of(dataDir.toAbsolutePath().toString(), Integer.toString(NODES), Integer.toString(id)), logDir));
        }
        Admin admin = null;
        try {
            nodes.forEach(ChildJvm::start);
            for (ChildJvm node : nodes) {
                awaitReady(node);
            }
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, layout.bootstrapServers()));
            new TopicProvisioner(admin, NODES).ensure(Topics.all());
            EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(RegistryConfig.local(layout.bootstrapServers()));
            return new ClusterChaosStack(layout.bootstrapServers(), nodes, admin, registry);
        } catch (RuntimeException | InterruptedException | Error e) {
            if (admin != null) {
                admin.close();
            }
            killAll(nodes);
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String registryUrl() {
        return registry.url();
    }

    /** The broker JVMs, node 1 first. */
    List<ChildJvm> nodes() {
        return nodes;
    }

    /** The broker leading the most partitions of the attempts topic (the lowest id on a tie), and how many. */
    Leader attemptsLeader() throws InterruptedException {
        Map<Integer, Long> led = describe(List.of(Topics.ATTEMPTS.name())).stream()
                .map(TopicPartitionInfo::leader)
                .filter(leader -> leader != null && !leader.isEmpty())
                .collect(Collectors.groupingBy(Node::id, Collectors.counting()));
        return led.entrySet().stream()
                .max(Comparator.<Map.Entry<Integer, Long>>comparingLong(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .map(e -> new Leader(e.getKey(), e.getValue().intValue(), Topics.ATTEMPTS.partitions()))
                .orElseThrow(() -> new AssertionError("no partition of " + Topics.ATTEMPTS.name() + " has a leader"));
    }

    /** A broker and the share of the attempts partitions it leads. */
    record Leader(int nodeId, int partitions, int of) {
    }

    /** Waits until no partition of the attempts topic names {@code nodeId} as its leader; returns how long it took. */
    Duration awaitLeadersMovedOff(int nodeId, Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (describe(List.of(Topics.ATTEMPTS.name())).stream()
                .anyMatch(p -> p.leader() == null || p.leader().isEmpty() || p.leader().id() == nodeId)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("attempts partitions still led by broker " + nodeId + " after " + timeout);
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * Waits until every partition of the catalog's topics and of the offsets and transaction logs has all three
     * replicas in sync again; returns how long it took.
     */
    Duration awaitFullyReplicated(Duration timeout) throws InterruptedException {
        List<String> topics = new ArrayList<>(Topics.all().stream().map(Topic::name).toList());
        topics.addAll(INTERNAL);
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (true) {
            List<TopicPartitionInfo> partitions = describe(topics);
            long lagging = partitions.stream().filter(p -> p.isr().size() < p.replicas().size()).count();
            if (lagging == 0) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(lagging + " partitions still under-replicated after " + timeout);
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    /** Starts a killed broker again on its data directory and ports; returns once it serves clients. */
    void restart(ChildJvm node) throws InterruptedException {
        node.start();
        awaitReady(node);
    }

    private List<TopicPartitionInfo> describe(Collection<String> topics) throws InterruptedException {
        try {
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            return described.values().stream().flatMap(d -> d.partitions().stream()).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot describe " + topics + ": " + e, e);
        }
    }

    private static void awaitReady(ChildJvm node) throws InterruptedException {
        long deadline = System.nanoTime() + NODE_START.toNanos();
        while (!node.output().contains(ClusterNodeMain.READY)) {
            if (!node.isAlive()) {
                throw new AssertionError(node.name() + " exited before serving clients\n" + node.tails());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(node.name() + " did not serve clients within " + NODE_START + "\n" + node.tails());
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private static void killAll(List<ChildJvm> nodes) {
        for (ChildJvm node : nodes) {
            if (node.isAlive()) {
                try {
                    node.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops the registry, then every broker at once (a scratch cluster: its data directory is thrown away). */
    @Override
    public void close() {
        try {
            registry.close();
            admin.close(Duration.ofSeconds(5));
        } finally {
            killAll(nodes);
        }
    }
}
