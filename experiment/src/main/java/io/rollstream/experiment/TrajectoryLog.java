package io.rollstream.experiment;

import io.rollstream.actor.loop.ActorService;
import io.rollstream.experiment.demo.Actors;
import io.rollstream.experiment.demo.DemoContext;
import io.rollstream.experiment.demo.Progress;
import io.rollstream.eval.TrajectoryCollector;
import io.rollstream.feeder.FeedConfig;
import io.rollstream.feeder.FeedReport;
import io.rollstream.feeder.Feeder;
import io.rollstream.infra.security.Role;
import io.rollstream.learner.service.OfflineWindow;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.TaskItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The offline experiments' data: one policy version answers training questions, {@code samples} times each at
 * temperature 1, as ordinary single-attempt training episodes through the actor and the grader; the grader's
 * trajectories land on rl-trajectories-v1 inside a window of append times that this returns, closed and in the
 * past, for {@code learner --algorithm oreo|rs-sft} to read back.
 */
final class TrajectoryLog {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    /**
     * What was logged.
     *
     * @param window   holds every logged trajectory (and whatever else was appended meanwhile)
     * @param episodes episodes logged
     * @param solved   of them, solved
     * @param closed   of them, closed before the timeout (the rest are not in the window)
     * @param elapsed  wall-clock time
     */
    record Result(OfflineWindow window, int episodes, int solved, int closed, Duration elapsed) {
    }

    private TrajectoryLog() {
    }

    static Result run(DemoContext ctx, String policyName, List<TaskItem> items, int samples, long seed)
            throws InterruptedException {
        long started = System.nanoTime();
        Instant from = Instant.now();
        try (ActorService actor = Actors.start(ctx, "log-" + policyName, policyName, 1f);
             TrajectoryCollector collector = new TrajectoryCollector(ctx.bootstrapServers(),
                     ctx.login(Role.AUDITOR), ctx.serdes());
             Producer<byte[], byte[]> producer = new KafkaProducer<>(Feeder.producerConfig(ctx.bootstrapServers(),
                     ctx.login(Role.FEEDER)))) {
            long version = actor.follower().lastLoaded().orElseThrow().version();
            FeedConfig config = new FeedConfig(ctx.bootstrapServers(), ctx.schemaRegistryUrl(),
                    ctx.settings().dataset(), "train", items.size(), seed, ctx.settings().difficulty(),
                    AttemptsPolicy.parse("1"), samples, PromptOrigin.FRESH, ProtocolTemplate.COMPACT, 0,
                    ctx.settings().maxNewTokens(), 1f, version, 0, policyName, ctx.runId());
            FeedReport report = new Feeder(config, producer, ctx.serdes(), Clock.systemUTC()).feed(items, p -> { });
            Set<String> ids = new HashSet<>(report.episodeIds());
            if (ids.size() != items.size() * samples) {
                throw new IllegalStateException("fed " + ids.size() + " distinct episodes for " + items.size()
                        + " questions x " + samples + " samples");
            }
            Map<String, Trajectory> closed;
            try (ProgressBar bar = Progress.bar("log " + policyName + " v" + version + ", " + items.size()
                    + " questions x " + samples + " at temperature 1", ids.size(), "episodes", ctx.console())) {
                closed = collector.collect(ids, TIMEOUT, done -> {
                    bar.stepTo(done);
                    Actors.requireHealthy(actor);
                });
            }
            int solved = (int) closed.values().stream().filter(t -> t.getOutcome() == Outcome.SOLVED).count();
            return new Result(new OfflineWindow(from, closeAfterNow()), ids.size(), solved, closed.size(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * An end for the window once everything collected was appended: the next millisecond, returned once the clock
     * has reached it, so the window is over when it is handed on.
     */
    private static Instant closeAfterNow() {
        Instant to = Instant.now().plusMillis(1);
        while (Instant.now().isBefore(to)) {
            Thread.onSpinWait();
        }
        return to;
    }
}
