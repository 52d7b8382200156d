package io.rollstream.eval;

import io.rollstream.feeder.FeedConfig;
import io.rollstream.feeder.FeedReport;
import io.rollstream.feeder.Feeder;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import io.rollstream.tasks.TaskItem;
import io.rollstream.schemas.avro.Decoding;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.security.ClientLogin;
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
 * Evaluates a policy through the real pipeline: for each k in 1..K it publishes one EVAL episode per question
 * with N = k (the system prompt says k attempts), greedy unless a temperature is set, and the grader closes them;
 * with several samples, each (sample, k) run gets episodes of its own. All runs are published together so actors
 * batch them; accuracy@k is the share of the N = k episodes solved.
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
     * @param policyName     the policy that answers
     * @param runId          the run stamped on the episodes
     * @param temperature    sampling temperature the prompts ask for (0 = greedy)
     * @param samples        episodes per question and k (1 for greedy; more for a sampled view)
     * @param attemptCounts  the N to run, each in 1..K (1..K when null)
     */
    public record Settings(List<TaskItem> items, Dataset dataset, String split, int maxAttempts, Long pinnedVersion,
                           ProtocolTemplate template, int maxNewTokens, long seed, Duration timeout,
                           String policyName, String runId, float temperature, int samples,
                           List<Integer> attemptCounts, Decoding decoding) {

        /** Sampled at {@code temperature} (0 = greedy). */
        public Settings(List<TaskItem> items, Dataset dataset, String split, int maxAttempts, Long pinnedVersion,
                        ProtocolTemplate template, int maxNewTokens, long seed, Duration timeout,
                        String policyName, String runId, float temperature, int samples,
                        List<Integer> attemptCounts) {
            this(items, dataset, split, maxAttempts, pinnedVersion, template, maxNewTokens, seed, timeout, policyName,
                    runId, temperature, samples, attemptCounts, Decoding.SAMPLE);
        }

        /** Greedy, one episode per question and k. */
        public Settings(List<TaskItem> items, Dataset dataset, String split, int maxAttempts, Long pinnedVersion,
                        ProtocolTemplate template, int maxNewTokens, long seed, Duration timeout,
                        String policyName, String runId) {
            this(items, dataset, split, maxAttempts, pinnedVersion, template, maxNewTokens, seed, timeout, policyName,
                    runId, 0f, 1, null);
        }

        public Settings {
            Objects.requireNonNull(decoding, "decoding");
            if (!(temperature >= 0) || Float.isInfinite(temperature)) {
                throw new IllegalArgumentException("temperature: must be finite and >= 0, got " + temperature);
            }
            if (samples < 1) {
                throw new IllegalArgumentException("samples: must be >= 1, got " + samples);
            }
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
            if (attemptCounts == null) {
                attemptCounts = java.util.stream.IntStream.rangeClosed(1, maxAttempts).boxed().toList();
            }
            attemptCounts = List.copyOf(attemptCounts);
            if (attemptCounts.isEmpty() || attemptCounts.stream().anyMatch(n -> n < 1 || n > maxAttempts)
                    || attemptCounts.stream().distinct().count() != attemptCounts.size()) {
                throw new IllegalArgumentException("attempt counts: give distinct N in 1.." + maxAttempts + ", got "
                        + attemptCounts);
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
    private final ClientLogin feederLogin;
    private final ClientLogin collectorLogin;

    public EvalRunner(String bootstrapServers, String schemaRegistryUrl, CatalogSerdes serdes) {
        this(bootstrapServers, schemaRegistryUrl, serdes, ClientLogin.NONE, ClientLogin.NONE);
    }

    /**
     * An evaluation on a secured cluster: its prompts are published as {@code feederLogin}, its trajectories
     * read as {@code collectorLogin} (a reader of {@code rl-trajectories-v1} without a group).
     */
    public EvalRunner(String bootstrapServers, String schemaRegistryUrl, CatalogSerdes serdes,
                      ClientLogin feederLogin, ClientLogin collectorLogin) {
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
        this.serdes = serdes;
        this.feederLogin = Objects.requireNonNull(feederLogin, "feederLogin");
        this.collectorLogin = Objects.requireNonNull(collectorLogin, "collectorLogin");
    }

    /** Runs the evaluation; returns accuracy@k for k = 1..K in order (over every sample). */
    public List<AccuracyAtK> run(Settings settings, Progress progress) throws InterruptedException {
        return runEpisodes(settings, progress).accuracy();
    }

    /** Runs the evaluation; returns every episode's trajectory by sample, k and question. */
    public EvalEpisodes runEpisodes(Settings settings, Progress progress) throws InterruptedException {
        int runs = settings.samples() * settings.attemptCounts().size();
        List<List<String>> episodesByRun = new ArrayList<>();
        Set<String> all = new HashSet<>();
        try (TrajectoryCollector collector = new TrajectoryCollector(bootstrapServers, collectorLogin, serdes);
             Producer<byte[], byte[]> producer = new KafkaProducer<>(Feeder.producerConfig(bootstrapServers,
                     feederLogin))) {
            for (int sample = 0; sample < settings.samples(); sample++) {
                for (int k : settings.attemptCounts()) {
                    Feeder feeder = new Feeder(feedConfig(settings, sample, k), producer, serdes, Clock.systemUTC());
                    FeedReport report = feeder.feed(settings.items(), p -> { });
                    if (report.episodeIds().size() != settings.items().size()) {
                        throw new IllegalStateException("fed " + report.episodeIds().size() + " episodes for "
                                + settings.items().size() + " questions");
                    }
                    episodesByRun.add(report.episodeIds());
                    all.addAll(report.episodeIds());
                }
            }
            if (all.size() != runs * settings.items().size()) {
                throw new IllegalStateException("episode ids of the evaluation collide: " + all.size() + " distinct of "
                        + runs * settings.items().size() + "; are the questions distinct?");
            }
            IntConsumer onProgress = done -> progress.closed(done, all.size());
            Map<String, Trajectory> closed = collector.collect(all, settings.timeout(), onProgress);
            List<Trajectory> flat = new ArrayList<>();
            for (List<String> ids : episodesByRun) {
                ids.forEach(id -> flat.add(closed.get(id)));
            }
            return new EvalEpisodes(settings.items(), settings.samples(), settings.attemptCounts(), flat,
                    settings.pinnedVersion());
        }
    }

    private FeedConfig feedConfig(Settings settings, int sample, int k) {
        // Episode ids derive from the seed, so each (sample, k) gets its own seed; the items themselves are fixed.
        return new FeedConfig(bootstrapServers, schemaRegistryUrl, settings.dataset(), settings.split(),
                settings.items().size(), settings.seed() * 31 + k + sample * 1_000_003L, SyntheticDifficulty.MEDIUM,
                AttemptsPolicy.parse(Integer.toString(k)), 1, PromptOrigin.EVAL, settings.template(), 0,
                settings.maxNewTokens(), settings.temperature(), settings.pinnedVersion(), 0, settings.policyName(), settings.runId(),
                settings.decoding());
    }
}
