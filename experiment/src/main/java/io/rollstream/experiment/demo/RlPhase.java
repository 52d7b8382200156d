package io.rollstream.experiment.demo;

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
import io.rollstream.learner.service.ReplayPublisher;
import io.rollstream.learner.service.ServiceSettings;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.infra.security.Role;
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
 * One RL training phase of the demo: an actor and a PPO or GRPO learner for one policy, fed with fresh training
 * episodes (N drawn by {@code attempts}; G episodes per question sharing a group for GRPO; sampled at the
 * preset's temperature) as its {@link Pacing} admits them, until the learner has made its updates; then the phase
 * drains, so every episode it started has closed before the next phase begins.
 * The training questions are taken in order and round again; a question repeated within one update (a set smaller
 * than an update, as in 1-shot RLVR) gets a group per repetition.
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
     * @param undrained       fed and replay episodes still open when the phase ended
     * @param metrics         the learner's metrics.jsonl, one map per update
     * @param published       every version the learner published, in order
     * @param learnerDir      the learner's directory (metrics and updates logs, checkpoints)
     * @param elapsed         wall-clock time of the phase
     * @param training        from the first episode fed to the learner's last update (loading the actor and the
     *                        learner before, and the drain after, excluded)
     * @param actorBusy       time the actor spent generating until then
     * @param droppedStale    trajectories the learner dropped as staler than its bound
     */
    public record Result(String policyName, long updates, long finalVersion, int episodesFed, int episodesClosed,
                  int undrained, List<Map<String, Double>> metrics, List<PolicyVersion> published, Path learnerDir,
                  Duration elapsed, Duration training, Duration actorBusy, long droppedStale) {
    }

    /**
     * When the feed admits the next update's worth of episodes. Ahead by L: while fewer than L updates' worth of
     * fed episodes are unread by the learner, so actors keep generating while it trains, and a trajectory is
     * trained at most about L versions after the one that generated it (L is capped at the learner's staleness
     * bound; its intake still drops anything staler, and counts it). Synchronous (L = 0): only once the learner
     * has trained on everything fed and the actor serves the version it then published, so generation and
     * training take turns; should the learner drop some of a round and wait for more, one more round is fed.
     */
    public record Pacing(int leadUpdates) {

        public static final Pacing SYNCHRONOUS = new Pacing(0);

        public Pacing {
            if (leadUpdates < 0) {
                throw new IllegalArgumentException("lead must be >= 0 updates, got " + leadUpdates);
            }
        }

        /** The demo's: two updates' worth ahead. */
        public static Pacing defaults() {
            return new Pacing(2);
        }

        public boolean synchronous() {
            return leadUpdates == 0;
        }
    }

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    private final DemoContext ctx;
    private final String role;
    private final String policyName;
    private final AttemptsPolicy attempts;
    private final LearnerConfig base;
    private final Pacing pacing;

    /** {@code role} names the arm the same way in every run and seeds its feed; {@code policyName} is per run. */
    RlPhase(DemoContext ctx, String role, String policyName, AttemptsPolicy attempts) {
        this(ctx, role, policyName, attempts, LearnerConfig.ppo());
    }

    /**
     * An arm trained with {@code base} (its policy name, preset, seed and batch come from the run); the learner
     * makes the run's steps after {@code base}'s critic warm-up updates.
     */
    public RlPhase(DemoContext ctx, String role, String policyName, AttemptsPolicy attempts, LearnerConfig base) {
        this(ctx, role, policyName, attempts, base, Pacing.defaults());
    }

    /** As above, with the feed paced as {@code pacing} says. */
    public RlPhase(DemoContext ctx, String role, String policyName, AttemptsPolicy attempts, LearnerConfig base,
                   Pacing pacing) {
        this.role = role;
        this.ctx = ctx;
        this.policyName = policyName;
        this.attempts = attempts;
        this.base = base;
        this.pacing = pacing;
    }

    public Result run(String title) throws Exception {
        long started = System.nanoTime();
        Instant since = Instant.now();
        DemoSettings s = ctx.settings();
        Path dir = ctx.runDir().resolve(policyName);
        LearnerConfig config = base.toBuilder().policyName(policyName).modelPreset(s.preset())
                .seed(s.seed()).batchEpisodes(s.batchEpisodes()).build();
        int updates = s.steps() + config.criticWarmupUpdates();
        Result result;
        ServiceSettings service = new ServiceSettings(ctx.bootstrapServers(), ctx.schemaRegistryUrl(), dir,
                ctx.weightsDir(), DeviceChoice.CPU, updates, since, ctx.login(Role.LEARNER));
        try (ActorService actor = Actors.start(ctx, "train-" + policyName, policyName, 1.0f);
             LearnerService learner = LearnerService.open(config, service);
             TrajectoryCounter counter = new TrajectoryCounter(ctx.bootstrapServers(), ctx.login(Role.AUDITOR), since);
             Producer<byte[], byte[]> producer = new KafkaProducer<>(Feeder.producerConfig(ctx.bootstrapServers(),
                     ctx.login(Role.FEEDER)));
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
            int lead = Math.min(pacing.leadUpdates(), config.maxStaleness());
            long feeding = System.nanoTime();
            try {
                while (training.isAlive()) {
                    // Short, so a synchronous feed notices the learner's new version soon after it is published.
                    counter.poll(Duration.ofMillis(50));
                    if (admits(lead, fed.size(), round, learner, actor, config.trajectoriesPerUpdate())) {
                        fed.addAll(feedRound(producer, config, round++));
                    }
                    bar.stepTo(learner.updates());
                    Actors.requireHealthy(actor);
                }
            } finally {
                stop.set(true);
                training.join();
            }
            Duration trained = Duration.ofNanos(System.nanoTime() - feeding);
            Duration actorBusy = Duration.ofNanos((long) (actor.stats().generationSeconds() * 1e9));
            if (failure.get() != null) {
                throw new IllegalStateException("the " + policyName + " learner failed: " + failure.get().getMessage(),
                        failure.get());
            }
            bar.stepTo(learner.updates());
            int undrained = drain(counter, fed, learner.metrics().counter("replay/published"));
            result = new Result(policyName, learner.updates(), learner.version(), fed.size(),
                    counter.poll(Duration.ZERO).size(), undrained, readMetrics(dir.resolve("metrics.jsonl")),
                    learner.published(), dir, Duration.ofNanos(System.nanoTime() - started), trained, actorBusy,
                    learner.metrics().counter("dropped/stale"));
        }
        ctx.console().println(PhaseSummary.training(title, result.updates(), result.episodesFed(), result.metrics(),
                result.finalVersion(), result.elapsed()));
        return result;
    }

    /**
     * Whether the next update's worth may be fed. Paced on what the learner has read, not on what has closed: an
     * actor faster than its learner would otherwise run far ahead, and the learner would train on stale rollouts.
     */
    private static boolean admits(int lead, int fed, int rounds, LearnerService learner, ActorService actor,
                                  int perUpdate) {
        if (lead > 0) {
            return fed - learner.trajectoriesRead() < (long) lead * perUpdate;
        }
        boolean trainedAll = learner.trajectoriesTrained() >= fed;
        boolean serving = actor.stats().servingVersion() >= learner.version();
        // Everything fed is read, yet too little of it was kept for the next batch: the learner waits for more.
        boolean starved = learner.trajectoriesRead() >= fed
                && learner.trajectoriesKept() - learner.trajectoriesTrained() < perUpdate
                && learner.updates() < rounds;
        return (trainedAll && serving) || starved;
    }

    /** One update's worth of fresh episodes; returns their ids. */
    private List<String> feedRound(Producer<byte[], byte[]> producer, LearnerConfig learner, int round)
            throws InterruptedException {
        DemoSettings s = ctx.settings();
        int groupSize = learner.algorithm().trainsOnGroups() ? learner.groupSize() : 1;
        int questions = learner.trajectoriesPerUpdate() / groupSize;
        List<List<TaskItem>> feeds = new ArrayList<>();
        for (int i = 0; i < questions; i++) {
            TaskItem item = ctx.train().get((round * questions + i) % ctx.train().size());
            // A question already in every feed so far opens another: within one feed its episodes would share ids.
            List<TaskItem> feed = feeds.stream().filter(f -> !f.contains(item)).findFirst().orElse(null);
            if (feed == null) {
                feed = new ArrayList<>();
                feeds.add(feed);
            }
            feed.add(item);
        }
        List<String> ids = new ArrayList<>();
        for (int f = 0; f < feeds.size(); f++) {
            // Each round (and each repetition within it) gets its own seed: episode and group ids derive from it,
            // so a question seen again is a new episode group.
            long seed = s.seed() * 1_000_003L + role.hashCode() * 31L + round + f * 7_777_777L;
            FeedConfig config = new FeedConfig(ctx.bootstrapServers(), ctx.schemaRegistryUrl(), s.dataset(), "train",
                    feeds.get(f).size(), seed, s.difficulty(), attempts, groupSize, PromptOrigin.FRESH,
                    ProtocolTemplate.COMPACT, 0, s.maxNewTokens(), learner.temperature(), null, 0, policyName,
                    ctx.runId());
            FeedReport report = new Feeder(config, producer, ctx.serdes(), Clock.systemUTC()).feed(feeds.get(f),
                    p -> { });
            ids.addAll(report.episodeIds());
        }
        return ids;
    }

    /**
     * Waits until every fed episode and every replay episode the learner published has closed (or the drain
     * timeout), so none is left for the next actor of the policy; returns how many are still open.
     */
    private static int drain(TrajectoryCounter counter, Set<String> fed, long replays) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        int open = open(counter.poll(Duration.ZERO), fed, replays);
        while (open > 0 && System.nanoTime() < deadline) {
            open = open(counter.poll(Duration.ofMillis(200)), fed, replays);
        }
        return open;
    }

    private static int open(Set<String> closed, Set<String> fed, long replays) {
        long replaysClosed = closed.stream().filter(id -> id.startsWith(ReplayPublisher.EPISODE_PREFIX)).count();
        return fed.size() - countClosed(fed, closed) + (int) Math.max(0, replays - replaysClosed);
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
