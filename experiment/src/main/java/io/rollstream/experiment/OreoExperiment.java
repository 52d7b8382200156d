package io.rollstream.experiment;

import io.rollstream.audit.AuditReport;
import io.rollstream.experiment.demo.DemoContext;
import io.rollstream.experiment.demo.DemoSettings;
import io.rollstream.experiment.demo.EvalPhase;
import io.rollstream.experiment.demo.PipelineCounts;
import io.rollstream.experiment.demo.PipelineSecurity;
import io.rollstream.experiment.demo.Progress;
import io.rollstream.experiment.demo.SftPhase;
import io.rollstream.infra.security.Role;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.service.OfflineRun;
import io.rollstream.learner.service.ServiceSettings;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.schemas.avro.Decoding;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.TaskItem;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;

/**
 * OREO against its baseline, offline, from Kafka's history: for each seed one single-turn warm start
 * ({@link WarmStart}); the warm start answers training questions it never saw several times at temperature 1
 * through the actor and the grader ({@link TrajectoryLog}); from the window those trajectories were appended in,
 * two copies of the warm start are trained, rejection-sampling SFT (the solved answers) and OREO (policy and
 * value together), with the same epochs and learning rate; then the warm start, both, and OREO decoding with its
 * value-guided step-level beam search answer the same held-out questions (greedy for the first three).
 */
public final class OreoExperiment {

    static final String WARM_START = "warm start";
    static final String RS_SFT = "RS-SFT";
    static final String OREO = "OREO";
    static final String OREO_SEARCH = "OREO + value-guided search";
    static final List<String> ARMS = List.of(WARM_START, RS_SFT, OREO, OREO_SEARCH);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMinutes(20);

    /**
     * One seed's run.
     *
     * @param seed      the seed
     * @param runId     stamped on its records
     * @param warmStart the warm start
     * @param log       the logged window
     * @param rsSft     RS-SFT's training on it
     * @param oreo      OREO's training on it
     * @param evals     each arm's held-out episodes, by arm
     * @param elapsed   wall-clock time
     */
    record SeedRun(long seed, String runId, WarmStart.Result warmStart, TrajectoryLog.Result log,
                   OfflineRun.Result rsSft, OfflineRun.Result oreo, Map<String, EvalPhase.Episodes> evals,
                   Duration elapsed) {
    }

    /**
     * The whole experiment.
     *
     * @param runs    the seeds' runs, in order
     * @param counts  what the topics hold, with the pipeline invariants
     * @param audit   the auditor's check of the run's window
     * @param elapsed wall-clock time
     */
    public record Outcome(List<SeedRun> runs, PipelineCounts counts, AuditReport audit, Duration elapsed) {
    }

    /** The log holds no solved answer: neither learner can be trained, so the experiment stops. */
    public static final class NothingToLearnException extends IllegalStateException {
        public NothingToLearnException(String message) {
            super(message);
        }
    }

    private final OreoSettings settings;
    private final PipelineSecurity security;
    private final PrintStream console;
    private final String stamp;

    public OreoExperiment(OreoSettings settings, PipelineSecurity security, PrintStream console) {
        this.settings = settings;
        this.security = security;
        this.console = console;
        // The clock names the run's policies and episodes; it never feeds a seed.
        this.stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(LocalDateTime.now());
    }

    public Outcome run() throws Exception {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        return ExperimentCluster.run(settings.runDir(), settings.bootstrapServers(), settings.schemaRegistryUrl(),
                security, ATTEMPT_TIMEOUT, console, cluster -> {
                    List<SeedRun> runs = new ArrayList<>();
                    for (long seed : settings.seeds()) {
                        runs.add(runSeed(seed, cluster));
                    }
                    console.println("checking the topics and auditing the run ...");
                    PipelineCounts counts = cluster.counts();
                    AuditReport audit = cluster.audit(startedAt);
                    return new Outcome(runs, counts, audit, Duration.ofNanos(System.nanoTime() - started));
                });
    }

    private SeedRun runSeed(long seed, ExperimentCluster cluster) throws Exception {
        long started = System.nanoTime();
        String runId = "oreo-" + stamp + "-s" + seed;
        console.printf("%n== seed %d ==%n", seed);
        DemoSettings demo = new DemoSettings(settings.runDir().resolve("seed-" + seed), cluster.bootstrap(),
                cluster.registryUrl(),
                settings.preset(), Dataset.SYNTHETIC, settings.difficulty(), seed, settings.logQuestions(),
                settings.testQuestions(), settings.sftEpochs(), 1, 2, 1, settings.maxNewTokens(),
                settings.actorBatch());
        Files.createDirectories(demo.runDir());
        // One draw of training questions, split in two: the warm start never saw the logged questions.
        SeedQuestions questions = settings.questions(seed);
        List<TaskItem> sftItems = questions.warmStart(settings.sftQuestions());
        List<TaskItem> logItems = questions.afterWarmStart(settings.sftQuestions());
        List<TaskItem> test = questions.test();
        DemoContext ctx = cluster.context(demo, settings.runDir().toAbsolutePath().resolve("weights"), logItems, test, console, runId);

        String warmName = "warm-start-" + runId;
        String rsSftName = "rs-sft-" + runId;
        String oreoName = "oreo-" + runId;
        WarmStart.Result warm = new WarmStart(ctx, sftItems, settings.warmStart()).run(warmName, seed);
        console.printf(Locale.ROOT, "warm start: %d questions, loss %.3f -> %.3f%n", warm.firstStageExamples(),
                warm.firstEpochLoss(), warm.lastEpochLoss());
        TrajectoryLog.Result log = TrajectoryLog.run(ctx, warmName, logItems, settings.logSamples(),
                seed * 1_000_003L + 11);
        console.printf(Locale.ROOT, "logged %d episodes (%d solved, %.1f%%) between %s and %s%n", log.closed(),
                log.solved(), 100.0 * log.solved() / Math.max(1, log.closed()), log.window().from(),
                log.window().to());
        if (log.solved() == 0) {
            throw new NothingToLearnException("seed " + seed + ": the warm start solved none of its " + log.closed()
                    + " logged answers, so RS-SFT has nothing to train on; give the warm start more --sft-epochs or"
                    + " --sft-questions, or log more --log-samples");
        }
        SftPhase copies = new SftPhase(ctx);
        copies.startFrom(warm.published(), rsSftName);
        copies.startFrom(warm.published(), oreoName);
        OfflineRun.Result rsSft = offline(ctx, LearnerConfig.rsSft(), rsSftName, warmName, log, seed);
        OfflineRun.Result oreo = offline(ctx, LearnerConfig.oreo(), oreoName, warmName, log, seed);

        EvalPhase eval = new EvalPhase(ctx);
        long evalSeed = seed * 7_919;
        Map<String, EvalPhase.Episodes> evals = new LinkedHashMap<>();
        evals.put(WARM_START, eval.episodes(WARM_START + ", greedy", warmName, evalSeed, 0f, 1, null));
        evals.put(RS_SFT, eval.episodes(RS_SFT + ", greedy", rsSftName, evalSeed, 0f, 1, null));
        evals.put(OREO, eval.episodes(OREO + ", greedy", oreoName, evalSeed, 0f, 1, null));
        // Episode ids derive from the seed: the search's episodes of the OREO policy need their own.
        evals.put(OREO_SEARCH, eval.episodes(OREO_SEARCH, oreoName, evalSeed + 1, 1f, 1, null,
                Decoding.VALUE_GUIDED_SEARCH));
        return new SeedRun(seed, runId, warm, log, rsSft, oreo, evals, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Trains a copy of the warm start on the logged window, as {@code learner --algorithm} would. */
    private OfflineRun.Result offline(DemoContext ctx, LearnerConfig preset, String policyName, String source,
                                      TrajectoryLog.Result log, long seed) throws Exception {
        LearnerConfig config = preset.toBuilder().policyName(policyName).modelPreset(settings.preset()).seed(seed)
                .epochs(settings.offlineEpochs()).learningRate(settings.learningRate()).build();
        Path dir = Files.createDirectories(ctx.runDir().resolve(policyName));
        ServiceSettings service = new ServiceSettings(ctx.bootstrapServers(), ctx.schemaRegistryUrl(), dir,
                ctx.weightsDir(), DeviceChoice.CPU, 0, null, ctx.login(Role.LEARNER));
        String label = config.algorithm().id() + " on the window, " + settings.offlineEpochs() + " epochs";
        try (ProgressBar bar = Progress.bar(label, 1, "steps", ctx.console())) {
            OfflineRun.Result r = OfflineRun.run(config, service, log.window(), source, (done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done);
            });
            console.printf(Locale.ROOT, "%s: trained on %d of %d trajectories (%d solved), %d steps%n",
                    config.algorithm().id(), r.trained(), r.read(), r.solved(), r.steps());
            return r;
        }
    }
}
