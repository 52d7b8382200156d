package io.rollstream.eval;

import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.security.ClientLogin;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits for the trajectories of given episodes. It takes its position at the end of {@code rl-trajectories-v1}
 * when created, so create it before publishing the prompts whose episodes it should see close.
 */
public final class TrajectoryCollector implements AutoCloseable {

    private final KafkaConsumer<String, Trajectory> consumer;

    public TrajectoryCollector(String bootstrapServers, CatalogSerdes serdes) {
        this(bootstrapServers, ClientLogin.NONE, serdes);
    }

    /** A collector whose consumer logs in with {@code login}; it joins no group, so it needs only to read. */
    public TrajectoryCollector(String bootstrapServers, ClientLogin login, CatalogSerdes serdes) {
        this.consumer = new KafkaConsumer<>(login.kafkaConfig(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                serdes.keySerde(Topics.TRAJECTORIES).deserializer(),
                serdes.valueSerde(Topics.TRAJECTORIES).deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(Topics.TRAJECTORIES.name())
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end offsets now, not lazily at the first poll after the prompts went out.
        partitions.forEach(consumer::position);
    }

    /**
     * Collects the trajectories of {@code episodeIds} until all have arrived or {@code timeout} passes;
     * {@code progress} hears the running count.
     */
    public Map<String, Trajectory> collect(Set<String> episodeIds, Duration timeout, IntConsumer progress) {
        Map<String, Trajectory> found = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (found.size() < episodeIds.size() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, Trajectory> record : consumer.poll(Duration.ofMillis(200))) {
                if (episodeIds.contains(record.key())) {
                    found.put(record.key(), record.value());
                }
            }
            progress.accept(found.size());
        }
        return found;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
