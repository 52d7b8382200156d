package io.rollstream.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces already-serialized records to a topic with idempotent {@code acks=all} producers while one consumer
 * reads them back, and times both ends. The consumer is positioned at the topic's end before the first send, so
 * it counts exactly the records of this run.
 */
final class ProduceConsumeRun {

    /** A run fails when the consumer sees nothing new for this long. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final String topic;
    private final int partitions;
    private final Map<String, String> producerOverrides;

    ProduceConsumeRun(String bootstrapServers, String topic, int partitions, Map<String, String> producerOverrides) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.partitions = partitions;
        this.producerOverrides = Map.copyOf(producerOverrides);
    }

    /** Kafka producer settings every benchmark producer uses: wait for all replicas, no duplicates on retry. */
    static Map<String, Object> producerConfig(String bootstrapServers) {
        return producerConfig(bootstrapServers, Map.of());
    }

    /** The settings above, then {@code overrides}. */
    static Map<String, Object> producerConfig(String bootstrapServers, Map<String, String> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
        config.putAll(overrides);
        return config;
    }

    /**
     * Sends {@code records} records, record {@code i} being {@code keys[i % n]} / {@code values[i % n]}, split
     * across {@code producers} producers, and reads them back with one consumer.
     */
    ProduceConsumeResult run(List<String> keys, List<byte[]> values, long records, int producers, PrintWriter out,
                             String phase) throws InterruptedException, TimeoutException {
        if (keys.size() != values.size() || keys.isEmpty()) {
            throw new IllegalArgumentException("need as many keys as values, at least one");
        }
        if (records < 1 || producers < 1) {
            throw new IllegalArgumentException("records and producers must be >= 1");
        }
        AtomicLong consumed = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(producers + 1);
        // Producers are created (and fetch metadata) before the clock starts, as Kafka's ProducerPerformance does.
        List<KafkaProducer<String, byte[]>> senders = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = atEnd()) {
            for (int p = 0; p < producers; p++) {
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(bootstrapServers, producerOverrides),
                        new StringSerializer(), new ByteArraySerializer());
                senders.add(producer);
                producer.partitionsFor(topic);
            }
            try (PhaseProgress progress = PhaseProgress.start(out, phase, records, "records read back", consumed::get)) {
                long started = System.nanoTime();
                Future<long[]> reader = threads.submit(() -> readBack(consumer, records, consumed));
                List<Future<?>> sending = new ArrayList<>();
                for (int p = 0; p < producers; p++) {
                    KafkaProducer<String, byte[]> producer = senders.get(p);
                    long from = records * p / producers;
                    long to = records * (p + 1) / producers;
                    sending.add(threads.submit(() -> {
                        send(producer, keys, values, from, to);
                        return null;
                    }));
                }
                for (Future<?> sender : sending) {
                    join(sender);
                }
                long produced = System.nanoTime() - started;
                long[] bytesAndLast = join(reader);
                return new ProduceConsumeResult(records, bytesAndLast[0], produced, bytesAndLast[1] - started);
            }
        } finally {
            threads.shutdownNow();
            senders.forEach(KafkaProducer::close);
        }
    }

    private KafkaConsumer<byte[], byte[]> atEnd() {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> assigned = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            assigned.add(new TopicPartition(topic, p));
        }
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        // seekToEnd is lazy; asking for the positions now pins them before anything is produced.
        assigned.forEach(consumer::position);
        return consumer;
    }

    /** Returns {value bytes read, nanoTime of the last record}. */
    private static long[] readBack(KafkaConsumer<byte[], byte[]> consumer, long records, AtomicLong consumed)
            throws TimeoutException {
        long bytes = 0;
        long count = 0;
        long last = System.nanoTime();
        while (count < records) {
            var batch = consumer.poll(Duration.ofMillis(100));
            long now = System.nanoTime();
            if (batch.isEmpty()) {
                if (now - last > IDLE_LIMIT.toNanos()) {
                    throw new TimeoutException("read back " + count + " of " + records + " records; nothing new for "
                            + IDLE_LIMIT.toSeconds() + " s");
                }
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                bytes += record.serializedValueSize();
                count++;
            }
            last = now;
            consumed.set(count);
        }
        return new long[] {bytes, last};
    }

    private void send(KafkaProducer<String, byte[]> producer, List<String> keys, List<byte[]> values, long from,
                      long to) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        int n = keys.size();
        for (long i = from; i < to && failure.get() == null; i++) {
            int at = (int) (i % n);
            producer.send(new ProducerRecord<>(topic, keys.get(at), values.get(at)), (metadata, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("producing to " + topic + " failed: " + failure.get(), failure.get());
        }
    }

    private static <T> T join(Future<T> future) throws InterruptedException, TimeoutException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException timeout) {
                throw timeout;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }
}
