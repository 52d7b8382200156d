package io.rollstream.bench;

import io.rollstream.schemas.headers.Provenance;
import io.rollstream.schemas.topics.Topics;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the graded topic as a downstream subscriber does ({@code read_committed}, so only what the grader's
 * transactions committed), from the beginning, keeping only keys and headers so the counting stays cheap next to
 * the grader it measures.
 */
final class GradedReader implements AutoCloseable {

    /** Waiting fails when nothing new arrives for this long. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(90);

    /** Latencies of the attempts of one phase, in milliseconds. */
    record Latencies(long[] appendMillis, long[] visibleMillis) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;

    GradedReader(String bootstrapServers) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < Topics.GRADED.partitions(); p++) {
            partitions.add(new TopicPartition(Topics.GRADED.name(), p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Reads until {@code expected} graded records whose episode id starts with {@code prefix} have been committed,
     * and returns the {@link System#nanoTime()} at which the last of them was read.
     */
    long awaitCount(String prefix, long expected, PrintWriter out, String phase) throws TimeoutException {
        AtomicLong count = new AtomicLong();
        long lastNews = System.nanoTime();
        long completedAt = lastNews;
        try (PhaseProgress progress = PhaseProgress.start(out, phase, expected, "graded", count::get)) {
            while (count.get() < expected) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                long matched = 0;
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    if (episode(record).startsWith(prefix)) {
                        matched++;
                    }
                }
                if (matched > 0) {
                    count.addAndGet(matched);
                    lastNews = now;
                    completedAt = now;
                } else if (now - lastNews > IDLE_LIMIT.toNanos()) {
                    throw new TimeoutException(count.get() + " of " + expected + " graded records after nothing new for "
                            + IDLE_LIMIT.toSeconds() + " s");
                }
            }
        }
        return completedAt;
    }

    /**
     * Reads the graded records of episodes starting with {@code prefix} until every attempt sent has one, and
     * returns their latencies: the record's LogAppendTime, and the time this subscriber read it, minus the attempt's
     * finishedAt (looked up in {@code finishedAtByAttempt} by {@code episode#attempt}).
     */
    Latencies collectLatencies(String prefix, Map<String, Long> finishedAtByAttempt, LongSupplier sent,
                               BooleanSupplier sendingDone, PrintWriter out, String phase) throws TimeoutException {
        List<Long> append = new ArrayList<>();
        List<Long> visible = new ArrayList<>();
        AtomicLong count = new AtomicLong();
        long lastNews = System.nanoTime();
        try (PhaseProgress progress = PhaseProgress.start(out, phase, 0, "graded", count::get)) {
            while (!(sendingDone.getAsBoolean() && count.get() >= sent.getAsLong())) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(50));
                long wall = System.currentTimeMillis();
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    String episode = episode(record);
                    if (!episode.startsWith(prefix)) {
                        continue;
                    }
                    if (record.timestampType() != TimestampType.LOG_APPEND_TIME) {
                        throw new IllegalStateException(Topics.GRADED.name() + " is not stamped with LogAppendTime but "
                                + record.timestampType() + "; the latency would not be the broker's");
                    }
                    String attempt = Provenance.get(record.headers(), Provenance.ATTEMPT).orElseThrow(() ->
                            new IllegalStateException("graded record of " + episode + " has no attempt header"));
                    Long finishedAt = finishedAtByAttempt.get(episode + "#" + attempt);
                    if (finishedAt == null) {
                        throw new IllegalStateException("graded record for " + episode + "#" + attempt
                                + " which was never sent");
                    }
                    append.add(record.timestamp() - finishedAt);
                    visible.add(wall - finishedAt);
                    count.incrementAndGet();
                    lastNews = now;
                }
                if (now - lastNews > IDLE_LIMIT.toNanos()) {
                    throw new TimeoutException(count.get() + " of " + sent.getAsLong() + " graded records after nothing"
                            + " new for " + IDLE_LIMIT.toSeconds() + " s");
                }
            }
        }
        return new Latencies(append.stream().mapToLong(Long::longValue).toArray(),
                visible.stream().mapToLong(Long::longValue).toArray());
    }

    private static String episode(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
