package io.rollstream.cli.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a topic from the beginning, committed records only, on its own thread, keeping every record; its
 * consumer rides out a broker restart by reconnecting. {@link #readAll} is the one-shot form for the final audit.
 */
final class TopicTail<K, V> implements AutoCloseable {

    private final KafkaConsumer<K, V> consumer;
    private final List<ConsumerRecord<K, V>> seen = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean running = true;

    TopicTail(String bootstrapServers, String topic, Deserializer<K> keys, Deserializer<V> values) {
        consumer = committedConsumer(bootstrapServers, keys, values);
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::run, "tail-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    /** Every record seen so far, in the order polled. */
    synchronized List<ConsumerRecord<K, V>> records() {
        RuntimeException failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("tail stopped", failed);
        }
        return List.copyOf(seen);
    }

    synchronized int size() {
        return seen.size();
    }

    private void run() {
        try {
            while (running) {
                var batch = consumer.poll(Duration.ofMillis(200));
                synchronized (this) {
                    batch.forEach(seen::add);
                }
            }
        } catch (WakeupException e) {
            // close() woke the poll up.
        } catch (RuntimeException e) {
            failure.set(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Every committed record of {@code topic}, read until each partition's position reaches its high watermark
     * as of the call, so no transaction may still be open on it.
     */
    static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrapServers, String topic, Deserializer<K> keys,
                                                     Deserializer<V> values, Duration timeout) {
        Map<TopicPartition, Long> highWatermarks;
        try (KafkaConsumer<byte[], byte[]> probe = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            highWatermarks = probe.endOffsets(partitions(probe, topic));
        }
        List<ConsumerRecord<K, V>> all = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = committedConsumer(bootstrapServers, keys, values)) {
            consumer.assign(highWatermarks.keySet());
            consumer.seekToBeginning(highWatermarks.keySet());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (highWatermarks.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    Map<TopicPartition, Long> positions = new HashMap<>();
                    highWatermarks.keySet().forEach(p -> positions.put(p, consumer.position(p)));
                    throw new AssertionError(topic + " not read to its end " + highWatermarks + " within " + timeout
                            + "; positions " + positions);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    private static <K, V> KafkaConsumer<K, V> committedConsumer(String bootstrapServers, Deserializer<K> keys,
                                                                Deserializer<V> values) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000), keys, values);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }
}
