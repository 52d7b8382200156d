package io.rollstream.feeder;

import io.rollstream.tasks.TaskItem;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.headers.Provenance;
import io.rollstream.schemas.security.ClientLogin;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.topics.Topic;
import io.rollstream.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Publishes questions and the first-attempt prompts of their episodes. Every question is written and
 * acknowledged before the first prompt goes out, so the grader can always find the ground truth of an attempt.
 * The producer should be idempotent with {@code acks=all} ({@link #producerConfig}), so broker retries never
 * duplicate a prompt; any send that fails stops the feed.
 */
public final class Feeder {

    private final FeedConfig config;
    private final Producer<byte[], byte[]> producer;
    private final CatalogSerdes serdes;
    private final Clock clock;
    private final RatePacer pacer;
    private final FeedRecords records;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    /** A feeder publishing through {@code producer}; the caller owns and closes the producer. */
    public Feeder(FeedConfig config, Producer<byte[], byte[]> producer, CatalogSerdes serdes, Clock clock) {
        this(config, producer, serdes, clock, RatePacer.system(config.ratePerSecond()));
    }

    Feeder(FeedConfig config, Producer<byte[], byte[]> producer, CatalogSerdes serdes, Clock clock, RatePacer pacer) {
        this.config = Objects.requireNonNull(config, "config");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.records = new FeedRecords(config);
    }

    /** Producer settings for the feeder: idempotent, acks from all in-sync replicas, raw bytes. */
    public static Map<String, Object> producerConfig(String bootstrapServers) {
        return producerConfig(bootstrapServers, ClientLogin.NONE);
    }

    /** The same producer settings, logged in with {@code login}. */
    public static Map<String, Object> producerConfig(String bootstrapServers, ClientLogin login) {
        return login.kafkaConfig(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "rollstream-feeder",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /**
     * Publishes every item's question, then the G first-attempt prompts of every item, at most
     * {@code config.ratePerSecond()} prompts per second; returns once all are acknowledged.
     *
     * @throws KafkaException       when a record could not be written; the feed stops at the first failure
     * @throws InterruptedException when interrupted while pacing; records already sent may still arrive
     */
    public FeedReport feed(List<TaskItem> items, Consumer<FeedProgress> progress) throws InterruptedException {
        long started = System.nanoTime();
        int promptsTotal = items.size() * config.groupSize();
        Sender<Question> questions = new Sender<>(Topics.QUESTIONS);
        for (int i = 0; i < items.size(); i++) {
            TaskItem item = items.get(i);
            questions.send(item.questionId(), records.question(item, clock.instant()), null);
            progress.accept(new FeedProgress(i + 1, items.size(), 0, promptsTotal));
        }
        flush();

        Sender<Prompt> prompts = new Sender<>(Topics.PROMPTS);
        List<String> episodeIds = new ArrayList<>(promptsTotal);
        for (TaskItem item : items) {
            for (Prompt prompt : records.firstPrompts(item, clock.instant())) {
                pacer.acquire();
                prompts.send(prompt.getEpisodeId(), prompt, prompt);
                episodeIds.add(prompt.getEpisodeId());
                progress.accept(new FeedProgress(items.size(), items.size(), episodeIds.size(), promptsTotal));
            }
        }
        flush();
        return new FeedReport(items.size(), episodeIds.size(), episodeIds, Duration.ofNanos(System.nanoTime() - started));
    }

    private void flush() {
        producer.flush();
        failIfAnySendFailed();
    }

    private void failIfAnySendFailed() {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new KafkaException("feed stopped: a record could not be published: " + failure.getMessage(), failure);
        }
    }

    /** Serializes with the catalog's serdes and sends through the one byte-level producer. */
    private final class Sender<V> {
        private final Topic<String, V> topic;
        private final Serializer<String> keys;
        private final Serializer<V> values;

        Sender(Topic<String, V> topic) {
            this.topic = topic;
            this.keys = serdes.keySerde(topic).serializer();
            this.values = serdes.valueSerde(topic).serializer();
        }

        void send(String key, V value, Prompt provenanceOrNull) {
            failIfAnySendFailed();
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic.name(),
                    keys.serialize(topic.name(), key), values.serialize(topic.name(), value));
            if (provenanceOrNull != null) {
                Provenance.put(record.headers(), Provenance.EPISODE, provenanceOrNull.getEpisodeId());
                Provenance.put(record.headers(), Provenance.ATTEMPT, provenanceOrNull.getAttempt());
            }
            producer.send(record, (metadata, exception) -> {
                if (exception != null) {
                    firstFailure.compareAndSet(null, exception);
                }
            });
        }
    }
}
