package io.rollstream.bench.pipeline;

import io.rollstream.bench.BenchReport;
import io.rollstream.bench.BenchTable;
import io.rollstream.bench.Figure;
import io.rollstream.bench.MachineInfo;
import io.rollstream.experiment.demo.DemoContext;
import io.rollstream.experiment.demo.DemoRunner;
import io.rollstream.experiment.demo.DemoSettings;
import io.rollstream.experiment.demo.PipelineSecurity;
import io.rollstream.experiment.demo.RlPhase;
import io.rollstream.experiment.demo.SftPhase;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.TaskItem;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The asynchronous pipeline against a synchronous loop, on one embedded cluster: one warm start, then the same
 * PPO run twice from it, each with its own policy: first with the feed running ahead of the learner (the actor
 * generates while the learner trains, staleness bounded by the lead), then synchronously (the actor generates a
 * batch, the learner trains on it and publishes, the actor swaps to that version, and only then is the next
 * batch fed). Both modes train on the same number of trajectories, questions in the same order.
 */
public final class PipelineBenchmark {

    /** The goal: asynchronous at most this share of the synchronous wall time. */
    public static final double GOAL_RATIO = 0.6;
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMinutes(20);
    private static final String ROLE = "pipeline";

    /** Both modes' figures and the report. */
    public record Result(ModeFigures asynchronous, ModeFigures synchronous, BenchReport report) {

        /** Asynchronous over synchronous wall time. */
        public double ratio() {
            return asynchronous.wallSeconds() / synchronous.wallSeconds();
        }
    }

    private PipelineBenchmark() {}

    /** Runs both modes; the phases' progress goes to {@code console}. */
    public static Result run(PipelineSettings settings, MachineInfo machine, PrintStream console) throws Exception {
        String runId = "pipeline-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                .format(LocalDateTime.now());
        DemoSettings demo = new DemoSettings(settings.runDir(), null, null, settings.preset(), Dataset.SYNTHETIC,
                settings.difficulty(), settings.seed(), settings.trainQuestions(), 1, settings.sftEpochs(),
                settings.updates(), settings.batchEpisodes(), settings.attempts().max(), settings.maxNewTokens(),
                settings.actorBatch());
        List<TaskItem> train = demo.questions("train");
        List<ModeFigures> modes = DemoRunner.withPipeline(settings.runDir(), null, null, PipelineSecurity.OPEN,
                ATTEMPT_TIMEOUT, console, (bootstrap, registryUrl, serdes, logins) -> {
                    DemoContext ctx = new DemoContext(demo, bootstrap, registryUrl, serdes,
                            settings.runDir().toAbsolutePath().resolve("weights"), train, List.of(), console, runId,
                            logins);
                    SftPhase sft = new SftPhase(ctx);
                    SftPhase.Result warm = sft.run("warm-start-" + runId);
                    String asyncName = "async-" + runId;
                    String syncName = "sync-" + runId;
                    sft.startFrom(warm.published(), asyncName);
                    sft.startFrom(warm.published(), syncName);
                    LearnerConfig base = LearnerConfig.ppo().toBuilder().replayEnabled(false).build();
                    List<ModeFigures> figures = new ArrayList<>();
                    // The same role names both runs' feeds, so both take the same questions in the same order.
                    RlPhase.Result async = new RlPhase(ctx, ROLE, asyncName, settings.attempts(), base,
                            new RlPhase.Pacing(settings.leadUpdates())).run("asynchronous PPO");
                    figures.add(figures("asynchronous", async, settings));
                    RlPhase.Result sync = new RlPhase(ctx, ROLE, syncName, settings.attempts(), base,
                            RlPhase.Pacing.SYNCHRONOUS).run("synchronous PPO");
                    figures.add(figures("synchronous", sync, settings));
                    return figures;
                });
        ModeFigures async = modes.get(0);
        ModeFigures sync = modes.get(1);
        return new Result(async, sync, report(settings, machine, async, sync));
    }

    private static ModeFigures figures(String mode, RlPhase.Result run, PipelineSettings settings) {
        return ModeFigures.of(mode, run.metrics(), run.episodesFed(), run.training(), run.actorBusy(),
                run.droppedStale(), settings.lastUpdates());
    }

    static BenchReport report(PipelineSettings settings, MachineInfo machine, ModeFigures async, ModeFigures sync) {
        double ratio = async.wallSeconds() / sync.wallSeconds();
        double difference = async.finalReward() - sync.finalReward();
        double noise = 2 * Math.hypot(async.finalRewardError(), sync.finalRewardError());
        List<Figure> figures = new ArrayList<>();
        for (ModeFigures mode : List.of(async, sync)) {
            figures.add(new Figure(mode.mode() + " wall time", mode.wallSeconds(), "s"));
            figures.add(new Figure(mode.mode() + " final training reward", mode.finalReward(), "reward"));
            figures.add(new Figure(mode.mode() + " actor busy", 100 * mode.actorBusy(), "%"));
            figures.add(new Figure(mode.mode() + " learner busy", 100 * mode.learnerBusy(), "%"));
            figures.add(new Figure(mode.mode() + " trajectories trained", mode.trained(), "trajectories"));
            figures.add(new Figure(mode.mode() + " dropped as stale", mode.droppedStale(), "trajectories"));
        }
        figures.add(new Figure("asynchronous / synchronous wall time", ratio, "x"));
        List<List<String>> rows = new ArrayList<>();
        for (ModeFigures mode : List.of(async, sync)) {
            rows.add(List.of(mode.mode(), Long.toString(mode.updates()), Long.toString(mode.trained()),
                    Integer.toString(mode.fed()), String.format(Locale.ROOT, "%.1f", mode.wallSeconds()),
                    String.format(Locale.ROOT, "%+.3f ± %.3f", mode.finalReward(), mode.finalRewardError()),
                    String.format(Locale.ROOT, "%.0f%%", 100 * mode.actorBusy()),
                    String.format(Locale.ROOT, "%.0f%%", 100 * mode.learnerBusy()),
                    mode.stalenessHistogram(), Long.toString(mode.droppedStale())));
        }
        BenchTable table = new BenchTable(List.of("mode", "updates", "trained", "fed", "wall s",
                "final reward (± s.e.)", "actor busy", "learner busy", "staleness (versions: trajectories)",
                "dropped stale"), rows);
        // Perfect overlap of the synchronous run's own work: the busier side alone, nothing waiting on the other.
        double overlapBound = Math.max(sync.actorBusy(), sync.learnerBusy());
        List<String> notes = List.of(
                String.format(Locale.ROOT, "asynchronous / synchronous wall time: %.2fx (goal: at most %.1fx): %s",
                        ratio, GOAL_RATIO, ratio <= GOAL_RATIO ? "met" : "not met"),
                String.format(Locale.ROOT, "were generation and training to overlap perfectly, at no cost to "
                        + "each other, the asynchronous run could not go below %.2fx: the synchronous run's busier "
                        + "side (actor %.0f%%, learner %.0f%% of its wall time)", overlapBound,
                        100 * sync.actorBusy(), 100 * sync.learnerBusy()),
                String.format(Locale.ROOT, "final training reward, asynchronous minus synchronous: %+.3f against a "
                        + "noise band of ±%.3f (twice the combined standard error over the last %d updates): %s",
                        difference, noise, settings.lastUpdates(),
                        Math.abs(difference) <= noise ? "within noise" : "outside noise"),
                "wall time runs from a mode's first episode fed to its learner's last update (the actor and "
                        + "learner load before it; episodes fed ahead and still open after it drain uncounted)",
                "busy: the actor's time generating and the learner's time in its updates, over that wall time; "
                        + "on " + machine.cores() + " cores the two share the same CPUs when they overlap",
                "the asynchronous mode runs first, then the synchronous one, on the same cluster and warm start");
        return new BenchReport("pipeline", settings.describe(), machine, figures, table, notes);
    }
}
