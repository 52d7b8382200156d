package io.rollstream.cli.chaos;

import static io.rollstream.cli.chaos.ChaosProgress.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rollstream.actor.config.ActorConfig;
import io.rollstream.actor.loop.ActorService;
import io.rollstream.audit.AuditConfig;
import io.rollstream.audit.AuditCounts;
import io.rollstream.audit.AuditReport;
import io.rollstream.audit.Auditor;
import io.rollstream.grader.app.GraderApp;
import io.rollstream.grader.app.GraderConfig;
import io.rollstream.infra.topics.TopicProvisioner;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The pipeline against the official images, configured as {@code docker-compose.yml} configures them: three
 * {@code apache/kafka} nodes in KRaft mode (each a broker and a controller, replication 3, min ISR 2) and a
 * {@code confluentinc/cp-schema-registry} on one Docker network, with the grader and an actor in this JVM. While
 * episodes run, the container leading the attempts partitions is killed; every episode must still close, and
 * the auditor must find the window exact. Skipped, with the reason, where no Docker engine answers.
 */
class OfficialImagesFailoverIT {

    /** The images and tags of {@code docker-compose.yml}. */
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String REGISTRY_IMAGE = "confluentinc/cp-schema-registry:7.9.0";
    /** The cluster id of {@code docker-compose.yml}: KRaft wants 16 bytes in URL-safe base64. */
    static final String CLUSTER_ID = "FR0_8JGZTPKblAuepZs5vA";

    private static final int NODES = 3;
    /** The listener clients outside the Docker network use, advertised as the host and its mapped port. */
    private static final int EXTERNAL_PORT = 19092;
    private static final String STARTER = "/tmp/rollstream-start.sh";
    /** Copied after the start script, so the script is complete once this exists. */
    private static final String STARTER_READY = "/tmp/rollstream-start.ready";
    private static final int EPISODES = 300;
    /** Episodes that must have closed before the leader is killed, so the kill lands mid-run. */
    private static final int CLOSED_BEFORE_KILL = 60;
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(6);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    /** Per test rather than per class, so the report lists the test as skipped, with this reason. */
    @BeforeEach
    void requireDocker() {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine: this test runs " + KAFKA_IMAGE + " x" + NODES + " and " + REGISTRY_IMAGE
                        + " in containers");
    }

    @Test
    void shouldCloseEveryEpisodeAndAuditCleanWhenTheAttemptsLeaderContainerIsKilled() throws Exception {
        try (Network network = Network.newNetwork()) {
            List<KafkaNode> nodes = new ArrayList<>();
            for (int id = 1; id <= NODES; id++) {
                nodes.add(new KafkaNode(id, network));
            }
            GenericContainer<?> registry = schemaRegistry(network);
            try {
                // The quorum needs a majority of its voters before any node finishes starting, so all start at once.
                Startables.deepStart(nodes).get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
                registry.start();
                String bootstrap = nodes.stream().map(KafkaNode::bootstrapServer).collect(Collectors.joining(","));
                String registryUrl = "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
                runPipeline(bootstrap, registryUrl, nodes);
            } finally {
                registry.stop();
                nodes.forEach(GenericContainer::stop);
            }
        }
    }

    private void runPipeline(String bootstrap, String registryUrl, List<KafkaNode> nodes) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(registryUrl)) {
            new TopicProvisioner(admin, NODES).ensure(Topics.all());
            CatalogSerdes serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
            Path weights = dir.resolve("weights");
            TinyPolicy.publish(bootstrap, serdes, weights, dir);
            GraderConfig defaults = GraderConfig.defaults();
            GraderConfig graderConfig = defaults.withCluster(bootstrap, registryUrl)
                    .withInstance("containers-grader", dir.resolve("grader-state"), 1)
                    .withStreamsOverrides(Map.of("session.timeout.ms", Long.toString(SESSION_TIMEOUT.toMillis()),
                            "heartbeat.interval.ms", "1000", "producer.transaction.timeout.ms", "10000"));
            ActorConfig actorConfig = ActorConfig.builder().bootstrapServers(bootstrap).schemaRegistryUrl(registryUrl)
                    .actorId("containers-actor").policyName(TinyPolicy.POLICY).batchSize(32)
                    .maxBatchWait(Duration.ofMillis(50)).maxNewTokens(8).device(DeviceChoice.CPU).seed(11)
                    .weightsDir(weights).sessionTimeout(SESSION_TIMEOUT).build();
            try (GraderApp grader = GraderApp.start(graderConfig);
                 ActorService actor = ActorService.create(actorConfig, new SimpleMeterRegistry());
                 TopicTail<String, Trajectory> tail = new TopicTail<>(bootstrap, Topics.TRAJECTORIES.name(),
                         new StringDeserializer(), serdes.valueSerde(Topics.TRAJECTORIES).deserializer())) {
                grader.awaitRunning(START_LIMIT);
                actor.start();
                assertTrue(actor.awaitFirstPolicy(START_LIMIT) && actor.awaitAssignment(START_LIMIT),
                        "the actor did not load its policy and join its group");
                Instant from = Instant.now();
                Set<String> fed = new LinkedHashSet<>(PipelineFeed.feed(bootstrap, registryUrl, serdes, EPISODES, 21));
                Instant to = Instant.now().plusMillis(1);

                awaitClosed(tail, CLOSED_BEFORE_KILL, grader, actor);
                int leader = attemptsLeader(admin);
                KafkaNode victim = nodes.get(leader - 1);
                DockerClientFactory.instance().client().killContainerCmd(victim.getContainerId()).exec();
                System.out.printf("killed %s (node %d, leading the attempts partitions) after %d closed episodes%n",
                        victim.getContainerName(), leader, closed(tail));
                awaitClosed(tail, fed.size(), grader, actor);
                actor.close();
                grader.close();

                List<GradedAttempt> graded = values(TopicTail.readAll(bootstrap, Topics.GRADED.name(),
                        new StringDeserializer(), serdes.valueSerde(Topics.GRADED).deserializer(), READ_TIMEOUT));
                List<Trajectory> trajectories = values(TopicTail.readAll(bootstrap, Topics.TRAJECTORIES.name(),
                        new StringDeserializer(), serdes.valueSerde(Topics.TRAJECTORIES).deserializer(), READ_TIMEOUT));
                EpisodeAudit audit = EpisodeAudit.check(fed, graded, trajectories);
                AuditReport report = Auditor.run(AuditConfig.of(bootstrap, registryUrl, from, to, true));
                System.out.println("official images, leader killed:\n  " + audit.summary() + "\n"
                        + report.summary(20).strip().indent(2).stripTrailing());
                assertTrue(audit.passed(), audit.summary());
                assertTrue(report.passed(), report.summary(20));
                AuditCounts counts = report.counts();
                assertEquals(fed.size(), counts.episodes(), "episodes the auditor found in the window");
                assertEquals(fed.size(), counts.closed(), "episodes the auditor found closed");
                assertEquals(counts.gradedAttempts(), counts.gradedRecords(), "graded records per attempt");
            }
        }
    }

    /** Waits until {@code count} episodes have a trajectory; fails when a piece stops or the deadline passes. */
    private static void awaitClosed(TopicTail<String, Trajectory> tail, int count, GraderApp grader,
                                    ActorService actor) {
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        while (closed(tail) < count) {
            grader.failure().ifPresent(f -> {
                throw new AssertionError("grader: " + f);
            });
            actor.failure().ifPresent(f -> {
                throw new AssertionError("actor failed", f);
            });
            if (System.nanoTime() > deadline) {
                throw new AssertionError(closed(tail) + " of " + count + " episodes closed within " + RUN_DEADLINE);
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // polling interval of the progress check
        }
    }

    private static long closed(TopicTail<String, Trajectory> tail) {
        return tail.records().stream().map(ConsumerRecord::key).distinct().count();
    }

    /** The node leading the most attempts partitions. */
    private static int attemptsLeader(Admin admin) throws Exception {
        TopicDescription attempts = admin.describeTopics(List.of(Topics.ATTEMPTS.name())).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(Topics.ATTEMPTS.name());
        Map<Integer, Integer> led = new HashMap<>();
        for (TopicPartitionInfo p : attempts.partitions()) {
            led.merge(p.leader().id(), 1, Integer::sum);
        }
        return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static GenericContainer<?> schemaRegistry(Network network) {
        String kafkaStore = IntStream.rangeClosed(1, NODES).mapToObj(id -> "kafka-" + id + ":9092")
                .collect(Collectors.joining(","));
        return new GenericContainer<>(DockerImageName.parse(REGISTRY_IMAGE))
                .withNetwork(network)
                .withNetworkAliases("schema-registry")
                .withExposedPorts(8081)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", kafkaStore)
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_TOPIC", "_schemas")
                .withEnv("SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL", "backward")
                .waitingFor(Wait.forHttp("/subjects").forPort(8081).forStatusCode(200)
                        .withStartupTimeout(START_LIMIT));
    }

    /**
     * One {@code apache/kafka} node with the environment of {@code docker-compose.yml}, plus a listener for
     * clients outside the network. Its advertised address needs the mapped port, known only once the container
     * runs, so the container waits for a start script that is copied in as soon as the port is mapped.
     */
    static final class KafkaNode extends GenericContainer<KafkaNode> {

        private final int nodeId;

        KafkaNode(int nodeId, Network network) {
            super(DockerImageName.parse(KAFKA_IMAGE));
            this.nodeId = nodeId;
            String voters = IntStream.rangeClosed(1, NODES)
                    .mapToObj(id -> id + "@kafka-" + id + ":9093").collect(Collectors.joining(","));
            withNetwork(network);
            withNetworkAliases(host());
            withCreateContainerCmdModifier(cmd -> cmd.withHostName(host()));
            withExposedPorts(EXTERNAL_PORT);
            withEnv("CLUSTER_ID", CLUSTER_ID);
            withEnv("KAFKA_NODE_ID", Integer.toString(nodeId));
            withEnv("KAFKA_PROCESS_ROLES", "broker,controller");
            withEnv("KAFKA_CONTROLLER_QUORUM_VOTERS", voters);
            withEnv("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093,EXTERNAL://:" + EXTERNAL_PORT);
            withEnv("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
            withEnv("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,EXTERNAL:PLAINTEXT");
            withEnv("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT");
            withEnv("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3");
            withEnv("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3");
            withEnv("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
            withEnv("KAFKA_MIN_INSYNC_REPLICAS", "2");
            withEnv("KAFKA_DEFAULT_REPLICATION_FACTOR", "3");
            withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
            withCommand("sh", "-c", "while [ ! -f " + STARTER_READY + " ]; do sleep 0.1; done; exec bash " + STARTER);
            waitingFor(Wait.forLogMessage(".*Transitioning from RECOVERY to RUNNING.*", 1)
                    .withStartupTimeout(START_LIMIT));
        }

        String host() {
            return "kafka-" + nodeId;
        }

        /** The address clients outside the Docker network connect to. */
        String bootstrapServer() {
            return getHost() + ":" + getMappedPort(EXTERNAL_PORT);
        }

        @Override
        protected void containerIsStarting(InspectContainerResponse containerInfo) {
            String advertised = "PLAINTEXT://" + host() + ":9092,EXTERNAL://" + bootstrapServer();
            String script = "#!/bin/bash\nexport KAFKA_ADVERTISED_LISTENERS=" + advertised
                    + "\nexec /etc/kafka/docker/run\n";
            copyFileToContainer(Transferable.of(script, 0755), STARTER);
            copyFileToContainer(Transferable.of(""), STARTER_READY);
        }
    }
}
