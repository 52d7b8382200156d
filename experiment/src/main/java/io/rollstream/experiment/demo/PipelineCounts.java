package io.rollstream.experiment.demo;

import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.topics.Topic;
import io.rollstream.schemas.topics.Topics;
import io.rollstream.schemas.security.ClientLogin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the run left on the topics, read back with read_committed: graded attempts, trajectories and dead letters,
 * with the two pipeline invariants (each attempt graded once, each episode closed once).
 *
 * @param graded              graded-attempt records
 * @param duplicateGrades     (episode, attempt) pairs graded more than once
 * @param trajectories        trajectory records
 * @param duplicateTrajectories episodes closed more than once
 * @param gradedWithoutTrajectory episodes with graded attempts but no trajectory (still open)
 * @param deadLetters         dead-letter records
 */
public record PipelineCounts(long graded, long duplicateGrades, long trajectories, long duplicateTrajectories,
                      long gradedWithoutTrajectory, long deadLetters) {

    public boolean invariantsHold() {
        return duplicateGrades == 0 && duplicateTrajectories == 0;
    }

    public static PipelineCounts read(String bootstrapServers, CatalogSerdes serdes) {
        return read(bootstrapServers, ClientLogin.NONE, serdes);
    }

    /** The counts, read by consumers that log in with {@code login} and join no group. */
    public static PipelineCounts read(String bootstrapServers, ClientLogin login, CatalogSerdes serdes) {
        Map<String, Integer> grades = new HashMap<>();
        Set<String> gradedEpisodes = new HashSet<>();
        long[] graded = {0};
        readAll(bootstrapServers, login, Topics.GRADED, serdes.valueSerde(Topics.GRADED).deserializer(),
                (GradedAttempt g) -> {
                    graded[0]++;
                    grades.merge(g.getEpisodeId() + "#" + g.getAttempt(), 1, Integer::sum);
                    gradedEpisodes.add(g.getEpisodeId());
                });
        Map<String, Integer> closes = new HashMap<>();
        long[] trajectories = {0};
        readAll(bootstrapServers, login, Topics.TRAJECTORIES, serdes.valueSerde(Topics.TRAJECTORIES).deserializer(),
                (Trajectory t) -> {
                    trajectories[0]++;
                    closes.merge(t.getEpisodeId(), 1, Integer::sum);
                });
        long[] deadLetters = {0};
        readAll(bootstrapServers, login, Topics.DEAD_LETTERS, (topic, bytes) -> bytes, (byte[] b) -> deadLetters[0]++);
        long open = gradedEpisodes.stream().filter(e -> !closes.containsKey(e)).count();
        return new PipelineCounts(graded[0], grades.values().stream().filter(n -> n > 1).count(), trajectories[0],
                closes.values().stream().filter(n -> n > 1).count(), open, deadLetters[0]);
    }

    /** The policy of every closed episode on the trajectory topic, by episode id. */
    public static Map<String, String> trajectoryPolicies(String bootstrapServers, ClientLogin login,
                                                         CatalogSerdes serdes) {
        Map<String, String> out = new HashMap<>();
        readAll(bootstrapServers, login, Topics.TRAJECTORIES,
                serdes.valueSerde(Topics.TRAJECTORIES).deserializer(),
                (Trajectory t) -> out.put(t.getEpisodeId(), t.getPolicyName()));
        return out;
    }

    /** Every closed episode of the named policies on the trajectory topic, by episode id. */
    public static Map<String, Trajectory> trajectoriesOf(String bootstrapServers, ClientLogin login,
                                                         CatalogSerdes serdes, Set<String> policyNames) {
        Map<String, Trajectory> out = new HashMap<>();
        readAll(bootstrapServers, login, Topics.TRAJECTORIES,
                serdes.valueSerde(Topics.TRAJECTORIES).deserializer(), (Trajectory t) -> {
                    if (policyNames.contains(t.getPolicyName())) {
                        out.put(t.getEpisodeId(), t);
                    }
                });
        return out;
    }

    private static <K, V> void readAll(String bootstrapServers, ClientLogin login, Topic<K, ?> topic,
                                       Deserializer<V> values, Consumer<V> sink) {
        try (KafkaConsumer<byte[], V> consumer = new KafkaConsumer<>(login.kafkaConfig(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                (t, bytes) -> bytes, values)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        sink.accept(record.value());
                    }
                }
            }
        }
    }
}
