package io.rollstream.bench;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Offers attempts to the attempts topic at a fixed rate, as actors would: attempt {@code i} is due at
 * {@code i / rate} seconds, its finishedAt is stamped just before it is serialized and sent, and that time is kept
 * so the graded record's latency can be computed. A sender that falls behind sends at once, never skips.
 */
final class PacedSender implements Runnable {

    private final String bootstrapServers;
    private final AttemptWorkload workload;
    private final Serializer<Attempt> serializer;
    private final Serializer<Prompt> promptSerializer;
    private final int rate;
    private final Duration duration;
    private final Map<String, Long> finishedAtByAttempt = new ConcurrentHashMap<>();
    private final Map<String, Long> expectedVerdicts = new TreeMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean done;
    private volatile long elapsedNanos;

    PacedSender(String bootstrapServers, AttemptWorkload workload, Serializer<Attempt> serializer,
                Serializer<Prompt> promptSerializer, int rate, Duration duration) {
        this.bootstrapServers = bootstrapServers;
        this.workload = workload;
        this.serializer = serializer;
        this.promptSerializer = promptSerializer;
        this.rate = rate;
        this.duration = duration;
    }

    @Override
    public void run() {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ProduceConsumeRun.producerConfig(bootstrapServers), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.partitionsFor(Topics.ATTEMPTS.name());
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            for (long i = 0; ; i++) {
                long due = start + (long) (i * 1e9 / rate);
                if (due >= end || failure.get() != null) {
                    break;
                }
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                AttemptWorkload.ScriptedAttempt next = workload.next(Instant.now());
                Attempt attempt = next.attempt();
                if (next.opensEpisode()) {
                    // As the feeder would have: the episode's prompt precedes its first attempt.
                    producer.send(new ProducerRecord<>(Topics.PROMPTS.name(), attempt.getEpisodeId(),
                            promptSerializer.serialize(Topics.PROMPTS.name(), next.prompt())), this::onSent);
                }
                byte[] value = serializer.serialize(Topics.ATTEMPTS.name(), attempt);
                finishedAtByAttempt.put(attempt.getEpisodeId() + "#" + attempt.getAttempt(),
                        attempt.getFinishedAt().toEpochMilli());
                synchronized (expectedVerdicts) {
                    expectedVerdicts.merge(next.script().expectedVerdict(), 1L, Long::sum);
                }
                producer.send(new ProducerRecord<>(Topics.ATTEMPTS.name(), attempt.getEpisodeId(), value),
                        this::onSent);
                sent.incrementAndGet();
            }
            producer.flush();
            elapsedNanos = System.nanoTime() - start;
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            done = true;
        }
    }

    private void onSent(RecordMetadata metadata, Exception error) {
        if (error != null) {
            failure.compareAndSet(null, error);
        }
    }

    /** The finishedAt (epoch ms) of every attempt sent, by {@code episode#attempt}. */
    Map<String, Long> finishedAtByAttempt() {
        return finishedAtByAttempt;
    }

    long sent() {
        return sent.get();
    }

    /** Whether sending has ended, by finishing or failing; {@link #failure()} tells which. */
    boolean done() {
        return done;
    }

    /** What stopped sending early, or null. */
    Throwable failure() {
        return failure.get();
    }

    /** Attempts actually offered per second, first send to last acknowledgement. */
    double achievedRate() {
        return elapsedNanos == 0 ? 0 : sent.get() / (elapsedNanos / 1e9);
    }

    /** Number of attempts per verdict the grader must give to what was sent. */
    Map<String, Long> expectedVerdicts() {
        synchronized (expectedVerdicts) {
            return Map.copyOf(expectedVerdicts);
        }
    }
}
