package io.rollstream.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.actor.loop.ActorService;
import io.rollstream.feeder.FeedConfig;
import io.rollstream.feeder.FeedReport;
import io.rollstream.feeder.Feeder;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.TaskItem;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.service.LearnerService;
import io.rollstream.learner.service.ServiceSettings;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ProgressBar;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * One RL training phase of the demo: an actor and a PPO learner for one policy, fed with fresh training
 * episodes (N drawn by {@code attempts}) just fast enough to keep the learner busy, until the learner has made
 * its updates; then the phase drains, so every episode it started has closed before the next phase begins.
 */
public final class RlPhase {

    /**
     * What a phase did.
     *
     * @param policyName      the trained policy
     * @param updates         learner updates made
     * @param finalVersion    the last version the learner published
     * @param episodesFed     fresh episodes published
     * @param episodesClosed  trajectories seen (fresh and replay)
     * @param undrained       fed episodes still open when the phase ended
     * @param metrics         the learner's metrics.jsonl, one map per update
     * @param elapsed         wall-clock time of the phase
     */
    public record Result(String policyName, long updates, long finalVersion, int episodesFed, int episodesClosed,
                  int undrained, List<Map<String, Double>> metrics, Duration elapsed) {
    }

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    private final DemoContext ctx;
    private final String role;
    private final String policyName;
    private final AttemptsPolicy attempts;
    private final LearnerConfig base;

    /** {@code role} names the arm the same way in every run and seeds its feed; {@code policyName} is per run. */
    RlPhase(DemoContext ctx, String role, String policyName, AttemptsPolicy attempts) {
        this(ctx, role, policyName, attempts, LearnerConfig.ppo());
    }

    /**
     * An arm trained with {@code base} (its policy name, preset, seed and batch come from the run); the learner
     * makes the run's steps after {@code base}'s critic warm-up updates.
     */
    public RlPhase(DemoContext ctx, String role, String policyName, AttemptsPolicy attempts, LearnerConfig base) {
        this.role = role;
        this.ctx = ctx;
        this.policyName = policyName;
        this.attempts = attempts;
        this.base = base;
    }

    public Result run(String title) throws Exception {
        long started = System.nanoTime();
        Instant since = Instant.now();
        DemoSettings s = ctx.settings();
        Path dir = ctx.runDir().resolve(policyName);
        LearnerConfig config = base.toBuilder().policyName(policyName).modelPreset(s.preset())
                .seed(s.seed()).batchEpisodes(s.batchEpisodes()).build();
        int updates = s.steps() + config.criticWarmupUpdates();
        ServiceSettings service = new ServiceSettings(ctx.bootstrapServers(), ctx.schemaRegistryUrl(), dir,
                ctx.weightsDir(), DeviceChoice.CPU, updates, since);
        try (ActorService actor = Actors.start(ctx, "train-" + policyName, policyName, 1.0f);
             LearnerService learner = LearnerService.open(config, service);
             TrajectoryCounter counter = new TrajectoryCounter(ctx.bootstrapServers(), since);
             Producer<byte[], byte[]> producer = new KafkaProducer<>(Feeder.producerConfig(ctx.bootstrapServers()));
             ProgressBar bar = Progress.bar(title, updates, "updates", ctx.console())) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread training = new Thread(() -> {
                try {
                    learner.run(() -> !stop.get());
                } catch (IOException | RuntimeException e) {
                    failure.set(e);
                }
            }, "demo-learner-" + policyName);
            training.start();
            Set<String> fed = new HashSet<>();
            int round = 0;
            try {
                while (training.isAlive()) {
                    Set<String> closed = counter.poll(Duration.ofMillis(200));
                    if (fed.size() - countClosed(fed, closed) < 2 * s.batchEpisodes()) {
                        fed.addAll(feedRound(producer, round++).episodeIds());
                    }
                    bar.stepTo(learner.updates());
                    Actors.requireHealthy(actor);
                }
            } finally {
                stop.set(true);
                training.join();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("the " + policyName + " learner failed: " + failure.get().getMessage(),
                        failure.get());
            }
            bar.stepTo(learner.updates());
            int undrained = drain(counter, fed);
            return new Result(policyName, learner.updates(), learner.version(), fed.size(),
                    counter.poll(Duration.ZERO).size(), undrained, readMetrics(dir.resolve("metrics.jsonl")),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private FeedReport feedRound(Producer<byte[], byte[]> producer, int round) throws InterruptedException {
        DemoSettings s = ctx.settings();
        List<TaskItem> items = new ArrayList<>();
        for (int i = 0; i < s.batchEpisodes(); i++) {
            items.add(ctx.train().get((round * s.batchEpisodes() + i) % ctx.train().size()));
        }
        // Each round gets its own seed: episode ids derive from it, so a question seen again is a new episode.
        FeedConfig config = new FeedConfig(ctx.bootstrapServers(), ctx.schemaRegistryUrl(), s.dataset(), "train",
                items.size(), s.seed() * 1_000_003L + role.hashCode() * 31L + round, s.difficulty(), attempts,
                1, PromptOrigin.FRESH, ProtocolTemplate.COMPACT, 0, s.maxNewTokens(), null, null, 0, policyName,
                ctx.runId());
        return new Feeder(config, producer, ctx.serdes(), Clock.systemUTC()).feed(items, p -> { });
    }

    /** Waits until every fed episode has closed (or the drain timeout); returns how many are still open. */
    private static int drain(TrajectoryCounter counter, Set<String> fed) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        int open = fed.size() - countClosed(fed, counter.poll(Duration.ZERO));
        while (open > 0 && System.nanoTime() < deadline) {
            open = fed.size() - countClosed(fed, counter.poll(Duration.ofMillis(200)));
        }
        return open;
    }

    private static int countClosed(Set<String> fed, Set<String> closed) {
        int n = 0;
        for (String id : fed) {
            n += closed.contains(id) ? 1 : 0;
        }
        return n;
    }

    public static List<Map<String, Double>> readMetrics(Path file) {
        ObjectMapper json = new ObjectMapper();
        List<Map<String, Double>> out = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                return out;
            }
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Double> values = new LinkedHashMap<>();
                JsonNode node = json.readTree(line);
                node.fields().forEachRemaining(e -> {
                    if (e.getValue().isNumber()) {
                        values.put(e.getKey(), e.getValue().asDouble());
                    }
                });
                out.add(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }
}
