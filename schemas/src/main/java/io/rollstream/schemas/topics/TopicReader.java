package io.rollstream.schemas.topics;

import io.rollstream.schemas.security.ClientLogin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads time slices of topics as raw bytes with {@code read_committed}, without a consumer group. Every slice
 * is planned before anything is read: its start offset is the first with a timestamp at or after the slice's
 * start ({@code offsetsForTimes}), its stop offset the first at or after its end, capped by the end offset
 * (last stable offset) as of planning, so records written while reading are never included.
 */
public final class TopicReader implements AutoCloseable {

    /**
     * A part of one topic to read.
     *
     * @param topic topic name
     * @param from  first timestamp to read; null reads from the beginning
     * @param until timestamp to stop before; null reads to the end offset as of planning
     */
    public record Slice(String topic, Instant from, Instant until) {
        public Slice {
            Objects.requireNonNull(topic, "topic");
        }
    }

    /** The offsets one partition is read between: [start, stop). */
    public record Range(TopicPartition partition, long start, long stop) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Duration readTimeout;

    /**
     * @param bootstrapServers the cluster
     * @param readTimeout      how long a read may make no progress before it fails
     * @param clientId         names the reader in the broker's logs and quotas
     */
    public TopicReader(String bootstrapServers, Duration readTimeout, String clientId) {
        this(bootstrapServers, ClientLogin.NONE, readTimeout, clientId);
    }

    /**
     * @param bootstrapServers the cluster
     * @param login            how the reader logs in
     * @param readTimeout      how long a read may make no progress before it fails
     * @param clientId         names the reader in the broker's logs and quotas
     */
    public TopicReader(String bootstrapServers, ClientLogin login, Duration readTimeout, String clientId) {
        this.readTimeout = readTimeout;
        this.consumer = new KafkaConsumer<>(login.kafkaConfig(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The offset ranges of every slice, fixed now. */
    public List<Range> plan(List<Slice> slices) {
        List<Range> ranges = new ArrayList<>();
        for (Slice slice : slices) {
            List<PartitionInfo> infos = consumer.partitionsFor(slice.topic(), readTimeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + slice.topic() + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, readTimeout);
            Map<TopicPartition, Long> starts = slice.from() == null
                    ? consumer.beginningOffsets(partitions, readTimeout)
                    : offsetsAt(partitions, slice.from(), ends);
            Map<TopicPartition, Long> stops = slice.until() == null ? ends : offsetsAt(partitions, slice.until(), ends);
            for (TopicPartition p : partitions) {
                long end = ends.get(p);
                ranges.add(new Range(p, Math.min(starts.get(p), end), Math.min(stops.get(p), end)));
            }
        }
        return ranges;
    }

    /** First offset per partition with a timestamp at or after {@code time}; the end offset when there is none. */
    private Map<TopicPartition, Long> offsetsAt(List<TopicPartition> partitions, Instant time,
                                               Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, Math.max(0, time.toEpochMilli())));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, readTimeout);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp at = found.get(p);
            offsets.put(p, at == null ? ends.get(p) : at.offset());
        }
        return offsets;
    }

    /**
     * Reads every range; records by topic, each partition in offset order. Fails when no partition advances
     * for the read timeout (an unreachable broker is an infrastructure fault, not an empty window).
     */
    public Map<String, List<ConsumerRecord<byte[], byte[]>>> read(List<Range> ranges) {
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byTopic = new HashMap<>();
        Map<TopicPartition, Long> stops = new HashMap<>();
        for (Range r : ranges) {
            byTopic.computeIfAbsent(r.partition().topic(), t -> new ArrayList<>());
            if (r.start() < r.stop()) {
                stops.put(r.partition(), r.stop());
            }
        }
        if (stops.isEmpty()) {
            return byTopic;
        }
        consumer.assign(stops.keySet());
        for (Range r : ranges) {
            if (stops.containsKey(r.partition())) {
                consumer.seek(r.partition(), r.start());
            }
        }
        Set<TopicPartition> active = new HashSet<>(stops.keySet());
        long lastProgress = System.nanoTime();
        while (!active.isEmpty()) {
            ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
            if (!polled.isEmpty()) {
                lastProgress = System.nanoTime();
            }
            for (ConsumerRecord<byte[], byte[]> record : polled) {
                TopicPartition p = new TopicPartition(record.topic(), record.partition());
                if (active.contains(p) && record.offset() < stops.get(p)) {
                    byTopic.get(record.topic()).add(record);
                }
            }
            List<TopicPartition> done = new ArrayList<>();
            for (TopicPartition p : active) {
                // read_committed positions step over aborted records and transaction markers too.
                if (consumer.position(p, readTimeout) >= stops.get(p)) {
                    done.add(p);
                }
            }
            if (!done.isEmpty()) {
                done.forEach(active::remove);
                consumer.pause(done);
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > readTimeout.toNanos()) {
                throw new IllegalStateException("reading " + active + " made no progress for " + readTimeout);
            }
        }
        return byTopic;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
