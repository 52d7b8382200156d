package io.rollstream.cli.chaos;

import io.rollstream.feeder.FeedConfig;
import io.rollstream.feeder.FeedReport;
import io.rollstream.feeder.Feeder;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.DataSource;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.serde.CatalogSerdes;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;

/** Feeds synthetic arithmetic episodes with N in 1..2 and the compact template through the real feeder. */
final class PipelineFeed {

    private PipelineFeed() {
    }

    /** Publishes {@code episodes} questions and one first prompt each; returns the episode ids. */
    static Set<String> feed(StackAddress stack, CatalogSerdes serdes, int episodes, long seed) throws InterruptedException {
        return feed(stack.bootstrapServers(), stack.registryUrl(), serdes, episodes, seed);
    }

    /** Like {@link #feed(StackAddress, CatalogSerdes, int, long)} on any cluster. */
    static Set<String> feed(String bootstrapServers, String registryUrl, CatalogSerdes serdes, int episodes, long seed)
            throws InterruptedException {
        FeedConfig config = new FeedConfig(bootstrapServers, registryUrl, Dataset.SYNTHETIC, "train",
                episodes, seed, SyntheticDifficulty.EASY, new AttemptsPolicy.Uniform(1, 2), 1, PromptOrigin.FRESH,
                ProtocolTemplate.COMPACT, 0, 8, null, null, 0, "default", "chaos");
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(Feeder.producerConfig(bootstrapServers))) {
            FeedReport report = new Feeder(config, producer, serdes, Clock.systemUTC())
                    .feed(config.tasks().load(DataSource.bundled()), progress -> { });
            Set<String> ids = new LinkedHashSet<>(report.episodeIds());
            if (ids.size() != episodes) {
                throw new AssertionError("fed " + ids.size() + " distinct episodes instead of " + episodes);
            }
            return ids;
        }
    }
}
