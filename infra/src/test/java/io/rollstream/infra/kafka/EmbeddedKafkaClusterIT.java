package io.rollstream.infra.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.infra.topics.TopicProvisioner;
import io.rollstream.schemas.topics.Topic;
import io.rollstream.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaClusterIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String TOPIC = Topics.ATTEMPTS.name();
    private static final int PER_PHASE = 200;
    private static final int PER_TRANSACTION = 20;
    private static final String TRANSACTION_STATE = "__transaction_state";
    private static final String CONSUMER_OFFSETS = "__consumer_offsets";

    @TempDir
    Path dir;

    @Test
    void shouldReplicateEveryTopicThreeWaysAndLoseNoCommittedRecordWhenALeaderStops() throws Exception {
        long started = System.nanoTime();
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(dir, 3, 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            System.out.printf("3-node cluster started in %d ms%n", millisSince(started));
            assertEquals(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            new TopicProvisioner(admin, EmbeddedKafkaCluster.REPLICATION_FACTOR).ensure(Topics.allWithInternal());

            try (KafkaProducer<String, String> producer = producer(cluster)) {
                producer.initTransactions();
                List<String> topics = new ArrayList<>(Topics.allWithInternal().stream().map(Topic::name).toList());
                topics.add(TRANSACTION_STATE);
                awaitFullIsr(admin, topics);
                assertReplicatedSafely(admin, topics);

                sendCommitted(producer, 0, PER_PHASE);
                abortOne(producer);
                int leader = leaderOf(admin, TOPIC, 0);
                long stopping = System.nanoTime();
                cluster.stopNode(leader);
                int newLeader = await(() -> {
                    int now = leaderOf(admin, TOPIC, 0);
                    return now >= 0 && now != leader ? Optional.of(now) : Optional.empty();
                }, "a new leader of " + TOPIC + "-0 after node " + leader + " stopped");
                System.out.printf("leader of %s-0 moved from node %d to node %d in %d ms%n", TOPIC, leader, newLeader,
                        millisSince(stopping));
                assertNotEquals(leader, newLeader);

                // Two of three replicas stay in sync, so acks=all writes and transactions go on.
                sendCommitted(producer, PER_PHASE, 2 * PER_PHASE);
                cluster.restartNode(leader);
                sendCommitted(producer, 2 * PER_PHASE, 3 * PER_PHASE);
            }

            Map<String, Integer> seen = readCommitted(cluster, 3 * PER_PHASE);
            // The offsets topic exists once a group has committed, as the consumer above did.
            awaitFullIsr(admin, List.of(CONSUMER_OFFSETS));
            assertReplicatedSafely(admin, List.of(CONSUMER_OFFSETS));
            assertEquals(3 * PER_PHASE, seen.size(), "every committed record arrived");
            for (int i = 0; i < 3 * PER_PHASE; i++) {
                assertEquals(1, seen.getOrDefault("k" + i, 0), "record k" + i + " exactly once");
            }
            assertTrue(seen.keySet().stream().noneMatch(k -> k.startsWith("aborted")), "no aborted record is read");
            System.out.printf("cluster test took %d ms%n", millisSince(started));
        }
    }

    private static void assertReplicatedSafely(Admin admin, List<String> topics) throws Exception {
        Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        for (TopicDescription description : descriptions.values()) {
            for (TopicPartitionInfo partition : description.partitions()) {
                assertEquals(3, partition.replicas().size(), description.name() + "-" + partition.partition());
            }
        }
        Map<ConfigResource, Config> configs = admin.describeConfigs(topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get(30, TimeUnit.SECONDS);
        for (Map.Entry<ConfigResource, Config> entry : configs.entrySet()) {
            assertEquals("2", entry.getValue().get("min.insync.replicas").value(), entry.getKey().name());
            assertEquals("false", entry.getValue().get("unclean.leader.election.enable").value(), entry.getKey().name());
        }
    }

    private static void awaitFullIsr(Admin admin, List<String> topics) {
        await(() -> {
            try {
                Map<String, TopicDescription> all = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
                boolean full = all.values().stream().flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.isr().size() == 3);
                return full ? Optional.of(true) : Optional.empty();
            } catch (Exception e) {
                return Optional.empty();
            }
        }, "every partition of " + topics + " in sync on 3 nodes");
    }

    private static int leaderOf(Admin admin, String topic, int partition) {
        try {
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(topic);
            TopicPartitionInfo info = description.partitions().get(partition);
            return info.leader() == null || info.leader().isEmpty() ? -1 : info.leader().id();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void sendCommitted(KafkaProducer<String, String> producer, int from, int to) {
        for (int start = from; start < to; start += PER_TRANSACTION) {
            producer.beginTransaction();
            for (int i = start; i < Math.min(to, start + PER_TRANSACTION); i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i));
            }
            producer.commitTransaction();
        }
    }

    private static void abortOne(KafkaProducer<String, String> producer) {
        producer.beginTransaction();
        for (int i = 0; i < PER_TRANSACTION; i++) {
            producer.send(new ProducerRecord<>(TOPIC, "aborted" + i, "never read"));
        }
        producer.flush();
        producer.abortTransaction();
    }

    private static Map<String, Integer> readCommitted(EmbeddedKafkaCluster cluster, int expected) {
        Map<String, Integer> seen = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "cluster-it",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (seen.values().stream().mapToInt(Integer::intValue).sum() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.merge(record.key(), 1, Integer::sum);
                }
            }
            // Anything beyond the expected count (a duplicate, an aborted record) would arrive with the same polls.
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                seen.merge(record.key(), 1, Integer::sum);
            }
            consumer.commitSync();
        }
        return seen;
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaCluster cluster) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "cluster-it",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000), new StringSerializer(), new StringSerializer());
    }

    private static <T> T await(Supplier<Optional<T>> condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        throw new AssertionError("timed out after " + DEADLINE.toSeconds() + " s waiting for " + what);
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
