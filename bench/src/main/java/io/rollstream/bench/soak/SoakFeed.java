package io.rollstream.bench.soak;

import io.rollstream.feeder.FeedConfig;
import io.rollstream.feeder.FeedReport;
import io.rollstream.feeder.Feeder;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.topics.Topics;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.DataSource;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The soak's feeder and its tally: synthetic arithmetic episodes (N in 1..2, the compact template) go out through
 * the real feeder in batches, each batch on its own seed, and a read_committed consumer of the trajectories topic
 * counts the episodes that closed. Only the open episodes' ids are kept, so the tally's own memory does not grow
 * with the length of the run; a second trajectory of an episode is left to the auditor. Not thread-safe; one
 * thread feeds and polls.
 */
final class SoakFeed implements AutoCloseable {

    /** Tokens each answer may have: the tiny policy's answers are noise, so short ones keep the pipeline busy. */
    static final int MAX_NEW_TOKENS = 8;

    private final String bootstrapServers;
    private final String registryUrl;
    private final CatalogSerdes serdes;
    private final String runId;
    private final Producer<byte[], byte[]> producer;
    private final KafkaConsumer<String, byte[]> trajectories;
    private final Set<String> open = new HashSet<>();
    private int fed;
    private int closed;
    private long nextSeed;

    SoakFeed(String bootstrapServers, String registryUrl, CatalogSerdes serdes, String runId, long seed) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.serdes = serdes;
        this.runId = runId;
        this.nextSeed = seed * 1_000_003L;
        this.producer = new KafkaProducer<>(Feeder.producerConfig(bootstrapServers));
        this.trajectories = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        trajectories.partitionsFor(Topics.TRAJECTORIES.name())
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        trajectories.assign(partitions);
        trajectories.seekToBeginning(partitions);
    }

    /** Publishes {@code episodes} more episodes, each a question and its first prompt. */
    void feed(int episodes) throws InterruptedException {
        FeedConfig config = new FeedConfig(bootstrapServers, registryUrl, Dataset.SYNTHETIC, "train", episodes,
                nextSeed++, SyntheticDifficulty.EASY, new AttemptsPolicy.Uniform(1, 2), 1, PromptOrigin.FRESH,
                ProtocolTemplate.COMPACT, 0, MAX_NEW_TOKENS, null, null, 0, SoakPolicy.NAME, runId);
        FeedReport report = new Feeder(config, producer, serdes, Clock.systemUTC())
                .feed(config.tasks().load(DataSource.bundled()), progress -> { });
        for (String id : report.episodeIds()) {
            if (open.add(id)) {
                fed++;
            }
        }
    }

    /** Reads the trajectories that arrived, waiting at most {@code wait}. */
    void poll(Duration wait) {
        for (ConsumerRecord<String, byte[]> record : trajectories.poll(wait)) {
            if (open.remove(record.key())) {
                closed++;
            }
        }
    }

    /** Distinct episodes fed. */
    int fed() {
        return fed;
    }

    /** Fed episodes with a trajectory. */
    int closed() {
        return closed;
    }

    /** Fed episodes with no trajectory yet. */
    int open() {
        return open.size();
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(10));
        } finally {
            trajectories.close();
        }
    }
}
