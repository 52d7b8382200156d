package io.rollstream.eval;

import io.rollstream.feeder.FeedConfig;
import io.rollstream.feeder.FeedReport;
import io.rollstream.feeder.Feeder;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import io.rollstream.tasks.TaskItem;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.serde.CatalogSerdes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * Evaluates a policy through the real pipeline: for each k in 1..K it publishes one greedy EVAL episode per
 * question with N = k (the system prompt says k attempts), and the grader closes them. All K runs are published
 * together so actors batch them; accuracy@k is the share of the N = k episodes solved.
 */
public final class EvalRunner {

    /**
     * What to evaluate.
     *
     * @param items          the held-out questions
     * @param dataset        their data set (recorded on the questions)
     * @param split          their split
     * @param maxAttempts    K: runs with N = 1..K
     * @param pinnedVersion  the policy version that must answer; attempts by other versions are counted
     * @param template       protocol wording
     * @param maxNewTokens   largest response per attempt (0 = the actor's default)
     * @param seed           seed of the episode ids; must differ between evaluations, as the grader rejects
     *                       attempts for episodes it has closed
     * @param timeout        how long to wait for every episode to close
     */
    public record Settings(List<TaskItem> items, Dataset dataset, String split, int maxAttempts, Long pinnedVersion,
                           ProtocolTemplate template, int maxNewTokens, long seed, Duration timeout,
                           String policyName, String runId) {
        public Settings {
            items = List.copyOf(items);
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(policyName, "policyName");
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(timeout, "timeout");
            if (items.isEmpty()) {
                throw new IllegalArgumentException("limit: evaluation needs at least one question");
            }
            if (maxAttempts < 1 || maxAttempts > 16) {
                throw new IllegalArgumentException("max-attempts: must be 1..16, got " + maxAttempts);
            }
        }
    }

    /** Progress of an evaluation: episodes closed so far out of those published. */
    public interface Progress {
        void closed(int done, int total);
    }

    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final CatalogSerdes serdes;

    public EvalRunner(String bootstrapServers, String schemaRegistryUrl, CatalogSerdes serdes) {
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
        this.serdes = serdes;
    }

    /** Runs the evaluation; returns accuracy@k for k = 1..K in order. */
    public List<AccuracyAtK> run(Settings settings, Progress progress) throws InterruptedException {
        List<List<String>> episodesByK = new ArrayList<>();
        Set<String> all = new HashSet<>();
        try (TrajectoryCollector collector = new TrajectoryCollector(bootstrapServers, serdes);
             Producer<byte[], byte[]> producer = new KafkaProducer<>(Feeder.producerConfig(bootstrapServers))) {
            for (int k = 1; k <= settings.maxAttempts(); k++) {
                Feeder feeder = new Feeder(feedConfig(settings, k), producer, serdes, Clock.systemUTC());
                FeedReport report = feeder.feed(settings.items(), p -> { });
                episodesByK.add(report.episodeIds());
                all.addAll(report.episodeIds());
            }
            IntConsumer onProgress = done -> progress.closed(done, all.size());
            Map<String, Trajectory> closed = collector.collect(all, settings.timeout(), onProgress);
            List<AccuracyAtK> results = new ArrayList<>();
            for (int k = 1; k <= settings.maxAttempts(); k++) {
                List<Trajectory> ofK = episodesByK.get(k - 1).stream().map(closed::get).filter(Objects::nonNull).toList();
                results.add(AccuracyAtK.of(k, episodesByK.get(k - 1).size(), ofK, settings.pinnedVersion()));
            }
            return results;
        }
    }

    private FeedConfig feedConfig(Settings settings, int k) {
        // Episode ids derive from the seed, so each k gets its own seed; the items themselves are fixed.
        return new FeedConfig(bootstrapServers, schemaRegistryUrl, settings.dataset(), settings.split(),
                settings.items().size(), settings.seed() * 31 + k, SyntheticDifficulty.MEDIUM,
                AttemptsPolicy.parse(Integer.toString(k)), 1, PromptOrigin.EVAL, settings.template(), 0,
                settings.maxNewTokens(), 0.0f, settings.pinnedVersion(), 0, settings.policyName(), settings.runId());
    }
}
