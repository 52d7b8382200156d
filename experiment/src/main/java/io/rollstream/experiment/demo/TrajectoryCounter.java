package io.rollstream.experiment.demo;

import io.rollstream.schemas.topics.Topics;
import io.rollstream.schemas.security.ClientLogin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Counts the episodes that closed since a point in time, by key only (no value decoding): the demo uses it to
 * pace the feeder and to know when a phase has drained. Not thread-safe; one thread polls it.
 */
final class TrajectoryCounter implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<String> closed = new HashSet<>();

    TrajectoryCounter(String bootstrapServers, Instant since) {
        this(bootstrapServers, ClientLogin.NONE, since);
    }

    /** A counter whose consumer logs in with {@code login}; it joins no group. */
    TrajectoryCounter(String bootstrapServers, ClientLogin login, Instant since) {
        consumer = new KafkaConsumer<>(login.kafkaConfig(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(Topics.TRAJECTORIES.name())
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        consumer.assign(partitions);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp first = consumer.offsetsForTimes(Map.of(p, since.toEpochMilli())).get(p);
            if (first == null) {
                consumer.seekToEnd(List.of(p));
                consumer.position(p);
            } else {
                consumer.seek(p, first.offset());
            }
        }
    }

    /** Reads what arrived (waiting at most {@code wait}) and returns the episodes closed so far. */
    Set<String> poll(Duration wait) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
            closed.add(record.key());
        }
        return closed;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
