package io.rollstream.experiment;

import io.rollstream.audit.AuditReport;
import io.rollstream.experiment.demo.DemoContext;
import io.rollstream.experiment.demo.DemoSettings;
import io.rollstream.experiment.demo.EvalPhase;
import io.rollstream.experiment.demo.PipelineCounts;
import io.rollstream.experiment.demo.PipelineSecurity;
import io.rollstream.experiment.demo.RlPhase;
import io.rollstream.experiment.demo.SftPhase;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.tasks.AttemptsPolicy;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The seed paper's comparison, through the real pipeline: for each seed one warm start ({@link WarmStart}), then
 * from it two PPO arms with their own policy names, multi-attempt (N drawn from 1..K per episode) and single-turn
 * (N = 1), each with the same critic warm-up, updates, batch and questions in the same order; then the warm
 * start and both arms are evaluated on the same held-out questions: greedily with N = k for k = 1..K (one set of
 * episodes per k; the N = K set also gives the refinement curve) and at temperature 1 with several samples of
 * N = 1 (pass@k) and N = K (solved by attempt k) episodes.
 */
public final class MultiAttemptExperiment {

    static final String WARM_START = "warm start";
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMinutes(20);
    static final String MULTI = "multi-attempt";
    static final String SINGLE = "single-turn";

    /**
     * One arm of one seed.
     *
     * @param arm        warm start, multi-attempt or single-turn
     * @param policyName its policy
     * @param training   its RL phase, or null for the warm start
     * @param greedy     the greedy evaluation
     * @param sampled    the temperature-1 evaluation
     * @param learnerDir its learner's directory (metrics and updates logs), or null for the warm start
     */
    record ArmRun(String arm, String policyName, RlPhase.Result training, EvalPhase.Episodes greedy,
                  EvalPhase.Episodes sampled, Path learnerDir) {
    }

    /**
     * One seed's run.
     *
     * @param seed       the seed
     * @param repeat     whether this is the rerun of a seed
     * @param runId      stamped on its records
     * @param warmStart  the warm start
     * @param arms       warm start, multi-attempt, single-turn
     * @param elapsed    wall-clock time
     */
    record SeedRun(long seed, boolean repeat, String runId, WarmStart.Result warmStart, List<ArmRun> arms,
                   Duration elapsed) {

        ArmRun arm(String name) {
            return arms.stream().filter(a -> a.arm().equals(name)).findFirst().orElseThrow();
        }
    }

    /**
     * Trajectories an arm's learner trained on, checked against the policy that made them.
     *
     * @param policyName the arm's policy
     * @param trained    distinct episodes it trained on
     * @param foreign    of them, episodes of another policy (or of none found on the topic)
     */
    record Separation(String policyName, int trained, int foreign) {
    }

    /**
     * The whole experiment.
     *
     * @param runs       the seeds' runs, in order (the repeat last)
     * @param counts     what the topics hold, with the pipeline invariants
     * @param audit      the auditor's check of the run's window
     * @param separation for every trained arm, what it trained on
     * @param elapsed    wall-clock time
     */
    public record Outcome(List<SeedRun> runs, PipelineCounts counts, AuditReport audit, List<Separation> separation,
                   Duration elapsed) {
    }

    private final MultiAttemptSettings settings;
    private final PipelineSecurity security;
    private final PrintStream console;
    private final String stamp;

    public MultiAttemptExperiment(MultiAttemptSettings settings, PipelineSecurity security, PrintStream console) {
        this.settings = settings;
        this.security = security;
        this.console = console;
        // The clock names the run's policies and episodes; it never feeds a seed.
        this.stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(LocalDateTime.now());
    }

    public Outcome run() throws Exception {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        // An evaluation publishes thousands of episodes at once; the last first attempts wait minutes in the queue.
        return ExperimentCluster.run(settings.runDir(), settings.bootstrapServers(), settings.schemaRegistryUrl(),
                security, ATTEMPT_TIMEOUT, console, cluster -> {
                    List<SeedRun> runs = new ArrayList<>();
                    for (long seed : settings.seeds()) {
                        runs.add(runSeed(seed, false, cluster));
                    }
                    if (settings.repeatFirstSeed()) {
                        runs.add(runSeed(settings.seeds().get(0), true, cluster));
                    }
                    console.println("checking the topics and auditing the run ...");
                    PipelineCounts counts = cluster.counts();
                    AuditReport audit = cluster.audit(startedAt);
                    Map<String, String> policies = cluster.trajectoryPolicies();
                    List<Separation> separation = new ArrayList<>();
                    for (SeedRun run : runs) {
                        for (ArmRun arm : run.arms()) {
                            if (arm.training() != null) {
                                separation.add(separation(arm.policyName(), arm.learnerDir(), policies));
                            }
                        }
                    }
                    return new Outcome(runs, counts, audit, separation, Duration.ofNanos(System.nanoTime() - started));
                });
    }

    private SeedRun runSeed(long seed, boolean repeat, ExperimentCluster cluster) throws Exception {
        long started = System.nanoTime();
        String tag = "s" + seed + (repeat ? "-repeat" : "");
        String runId = "experiment-" + stamp + "-" + tag;
        console.printf("%n== seed %d%s ==%n", seed, repeat ? " (repeat)" : "");
        DemoSettings demo = new DemoSettings(settings.runDir().resolve("seed-" + seed + (repeat ? "-repeat" : "")),
                cluster.bootstrap(), cluster.registryUrl(), settings.preset(), Dataset.SYNTHETIC, settings.difficulty(), seed,
                settings.rlQuestions(), settings.testQuestions(), settings.sftEpochs(), settings.updates(),
                settings.batchEpisodes(), settings.maxAttempts(), settings.maxNewTokens(), settings.actorBatch());
        Files.createDirectories(demo.runDir());
        // One draw of training questions, split in two: the warm start's and RL's never overlap.
        SeedQuestions questions = settings.questions(seed);
        List<TaskItem> sftItems = questions.warmStart(settings.sftQuestions());
        List<TaskItem> rlItems = questions.afterWarmStart(settings.sftQuestions());
        List<TaskItem> test = questions.test();
        DemoContext ctx = cluster.context(demo, settings.runDir().toAbsolutePath().resolve("weights"), rlItems, test,
                console, runId);

        String sftName = "warm-start-" + runId;
        String multiName = "multi-attempt-" + runId;
        String singleName = "single-turn-" + runId;
        WarmStart.Result warm = new WarmStart(ctx, sftItems, settings.warmStart()).run(sftName, seed);
        console.printf(Locale.ROOT, "warm start: %d questions, own answers %.1f%% correct at temperature 1, %d retry "
                        + "demonstrations, loss %.3f -> %.3f%n", warm.firstStageExamples(), 100 * warm.ownAccuracy(),
                warm.retryExamples(), warm.firstEpochLoss(), warm.lastEpochLoss());
        SftPhase copies = new SftPhase(ctx);
        copies.startFrom(warm.published(), multiName);
        copies.startFrom(warm.published(), singleName);

        LearnerConfig arm = LearnerConfig.ppo().toBuilder().criticWarmupUpdates(settings.criticWarmup())
                .learningRate(settings.learningRate()).replayEnabled(false).build();
        String budget = settings.criticWarmup() + " critic + " + settings.updates() + " PPO updates";
        RlPhase.Result multi = new RlPhase(ctx, MULTI, multiName, AttemptsPolicy.parse("1-" + settings.maxAttempts()),
                arm).run("multi-attempt, N in 1.." + settings.maxAttempts() + " (" + budget + ")");
        RlPhase.Result single = new RlPhase(ctx, SINGLE, singleName, AttemptsPolicy.parse("1"), arm)
                .run("single-turn, N = 1 (" + budget + ")");

        EvalPhase eval = new EvalPhase(ctx);
        long greedySeed = seed * 7_919;
        long sampledSeed = seed * 7_919 + 1;
        List<ArmRun> arms = new ArrayList<>();
        arms.add(evaluate(eval, WARM_START, sftName, null, greedySeed, sampledSeed));
        arms.add(evaluate(eval, MULTI, multiName, multi, greedySeed, sampledSeed));
        arms.add(evaluate(eval, SINGLE, singleName, single, greedySeed, sampledSeed));
        return new SeedRun(seed, repeat, runId, warm, arms, Duration.ofNanos(System.nanoTime() - started));
    }

    private ArmRun evaluate(EvalPhase eval, String arm, String policyName, RlPhase.Result training, long greedySeed,
                            long sampledSeed) throws InterruptedException {
        EvalPhase.Episodes greedy = eval.episodes(arm + ", greedy", policyName, greedySeed, 0f, 1, null);
        // The sampled view needs N = 1 (pass@k) and N = K (solved by attempt k), not every N in between.
        EvalPhase.Episodes sampled = eval.episodes(arm + ", temperature 1 x " + settings.samples(), policyName,
                sampledSeed, 1f, settings.samples(), List.of(1, settings.maxAttempts()));
        return new ArmRun(arm, policyName, training, greedy, sampled, training == null ? null : training.learnerDir());
    }

    /** Reads the arm learner's updates log and looks each trained episode's policy up on the trajectory topic. */
    private static Separation separation(String policyName, Path learnerDir, Map<String, String> policies) {
        Set<String> trained = Experiments.trainedEpisodes(learnerDir);
        int foreign = (int) trained.stream().filter(id -> !policyName.equals(policies.get(id))).count();
        return new Separation(policyName, trained.size(), foreign);
    }
}
