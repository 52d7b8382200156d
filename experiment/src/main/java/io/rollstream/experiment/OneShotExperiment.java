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
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.TaskItem;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * 1-shot RLVR in miniature, through the real pipeline: for each seed one single-turn warm start
 * ({@link WarmStart}); a short GRPO pre-run over a pool of training questions picks the one example whose training
 * accuracy varied the most ({@link OneShotSelection}); then three GRPO arms from the warm start with the same
 * preset, updates and rollouts per update: on that one example alone (every group of every update is it), on the
 * whole training set, and on the one example with the policy-gradient term removed so only the entropy bonus (and
 * the KL term) trains. Every few updates each arm's version of that step answers the held-out questions greedily.
 */
public final class OneShotExperiment {

    static final String WARM_START = "warm start";
    static final String ONE_SHOT = "1-shot";
    static final String FULL_SET = "full set";
    static final String ENTROPY_ONLY = "entropy only";
    static final List<String> ARMS = List.of(ONE_SHOT, FULL_SET, ENTROPY_ONLY);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMinutes(20);

    /**
     * How the one example was chosen.
     *
     * @param preRun     the selection pre-run over the pool
     * @param candidates every pool member with its accuracy history, in pool order
     * @param chosen     the candidate of the largest variance
     * @param example    its question
     */
    record Selection(RlPhase.Result preRun, List<OneShotSelection.Candidate> candidates,
                     OneShotSelection.Candidate chosen, TaskItem example) {
    }

    /**
     * One arm of one seed.
     *
     * @param arm        1-shot, full set or entropy only
     * @param policyName its policy
     * @param training   its GRPO run
     * @param evals      held-out episodes of the version made at each evaluated step after 0, by step
     */
    record ArmRun(String arm, String policyName, RlPhase.Result training, Map<Integer, EvalPhase.Episodes> evals) {

        /** Share of each update's rollouts that were correct, in update order. */
        double[] trainingAccuracy() {
            return training.metrics().stream().mapToDouble(m -> m.getOrDefault("accuracy/attempt-1", Double.NaN))
                    .toArray();
        }
    }

    /**
     * One seed's run.
     *
     * @param seed      the seed
     * @param runId     stamped on its records
     * @param warmStart the warm start
     * @param selection how its one example was chosen
     * @param warmEval  the warm start's held-out episodes (step 0 of every arm)
     * @param arms      1-shot, full set, entropy only
     * @param elapsed   wall-clock time
     */
    record SeedRun(long seed, String runId, WarmStart.Result warmStart, Selection selection,
                   EvalPhase.Episodes warmEval, List<ArmRun> arms, Duration elapsed) {

        ArmRun arm(String name) {
            return arms.stream().filter(a -> a.arm().equals(name)).findFirst().orElseThrow();
        }

        /** The held-out episodes of an arm at a step (the warm start's at 0). */
        EvalPhase.Episodes at(String arm, int step) {
            return step == 0 ? warmEval : arm(arm).evals().get(step);
        }
    }

    /**
     * What an arm's learner trained on, checked on the trajectory topic.
     *
     * @param policyName the arm's policy
     * @param episodes   distinct episodes it trained on
     * @param foreign    of them, episodes of another policy (or of none found on the topic)
     * @param questions  distinct questions among them
     * @param example    of them, episodes of the seed's one example
     */
    record Trained(String policyName, int episodes, int foreign, int questions, int example) {
    }

    /**
     * The whole experiment.
     *
     * @param runs    the seeds' runs, in order
     * @param trained for every arm's policy, what it trained on
     * @param counts  what the topics hold, with the pipeline invariants
     * @param audit   the auditor's check of the run's window
     * @param elapsed wall-clock time
     */
    public record Result(List<SeedRun> runs, Map<String, Trained> trained, PipelineCounts counts, AuditReport audit,
                  Duration elapsed) {
    }

    private final OneShotSettings settings;
    private final PipelineSecurity security;
    private final PrintStream console;
    private final String stamp;

    public OneShotExperiment(OneShotSettings settings, PipelineSecurity security, PrintStream console) {
        this.settings = settings;
        this.security = security;
        this.console = console;
        // The clock names the run's policies and episodes; it never feeds a seed.
        this.stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(LocalDateTime.now());
    }

    public Result run() throws Exception {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        return ExperimentCluster.run(settings.runDir(), settings.bootstrapServers(), settings.schemaRegistryUrl(),
                security, ATTEMPT_TIMEOUT, console, cluster -> {
                    List<SeedRun> runs = new ArrayList<>();
                    for (long seed : settings.seeds()) {
                        runs.add(runSeed(seed, cluster));
                    }
                    console.println("checking the topics and auditing the run ...");
                    Map<String, Trained> trained = trained(runs, cluster);
                    PipelineCounts counts = cluster.counts();
                    AuditReport audit = cluster.audit(startedAt);
                    return new Result(runs, trained, counts, audit, Duration.ofNanos(System.nanoTime() - started));
                });
    }

    private SeedRun runSeed(long seed, ExperimentCluster cluster) throws Exception {
        long started = System.nanoTime();
        String runId = "one-shot-" + stamp + "-s" + seed;
        console.printf("%n== seed %d ==%n", seed);
        // One draw of training questions, split in two: the warm start never saw the RL set; the pool is its head.
        SeedQuestions questions = settings.questions(seed);
        List<TaskItem> sftItems = questions.warmStart(settings.sftQuestions());
        List<TaskItem> rlItems = questions.afterWarmStart(settings.sftQuestions());
        List<TaskItem> pool = rlItems.subList(0, settings.candidates());
        List<TaskItem> test = questions.test();
        DemoContext warmCtx = context(seed, settings.updates(), sftItems, test, cluster, runId);

        String warmName = "warm-start-" + runId;
        WarmStart.Result warm = new WarmStart(warmCtx, sftItems, settings.warmStart()).run(warmName, seed);
        console.printf(Locale.ROOT, "warm start: %d questions, loss %.3f -> %.3f%n", warm.firstStageExamples(),
                warm.firstEpochLoss(), warm.lastEpochLoss());
        SftPhase copies = new SftPhase(warmCtx);
        EvalPhase.Episodes warmEval = new EvalPhase(warmCtx).episodes(WARM_START + ", greedy", warmName,
                evalSeed(seed), 0f, 1, null);

        Selection selection = select(seed, pool, test, warm.published(), copies, cluster, runId);
        TaskItem example = selection.example();
        console.printf(Locale.ROOT, "the one example: %s (accuracy history %s, variance %.4f)%n",
                example.questionId(), Arrays.toString(selection.chosen().history()),
                selection.chosen().variance());

        LearnerConfig grpo = grpo();
        List<ArmRun> arms = new ArrayList<>();
        arms.add(arm(ONE_SHOT, "one-shot-" + runId, List.of(example), grpo, warm.published(), seed, test, cluster,
                runId));
        arms.add(arm(FULL_SET, "full-set-" + runId, rlItems, grpo, warm.published(), seed, test, cluster,
                runId));
        arms.add(arm(ENTROPY_ONLY, "entropy-only-" + runId, List.of(example),
                grpo.toBuilder().policyCoefficient(0f).build(), warm.published(), seed, test, cluster, runId));
        return new SeedRun(seed, runId, warm, selection, warmEval, arms,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The GRPO preset at the experiment's learning rate and rollouts per update. */
    LearnerConfig grpo() {
        return LearnerConfig.grpo().toBuilder().groupsPerBatch(settings.groupsPerUpdate())
                .learningRate(settings.learningRate()).replayEnabled(false).build();
    }

    /** The pre-run: GRPO from the warm start over the pool, each candidate sampled once per pass. */
    private Selection select(long seed, List<TaskItem> pool, List<TaskItem> test, PolicyVersion warm, SftPhase copies,
                             ExperimentCluster cluster, String runId) throws Exception {
        String name = "selection-" + runId;
        DemoContext ctx = context(seed, settings.selectionUpdates(), pool, test, cluster, runId);
        copies.startFrom(warm, name);
        RlPhase.Result preRun = new RlPhase(ctx, "selection", name, AttemptsPolicy.parse("1"), grpo())
                .run("selection pre-run: " + pool.size() + " candidates x " + settings.selectionEpochs() + " passes ("
                        + settings.selectionUpdates() + " GRPO updates)");
        List<OneShotSelection.Rollout> rollouts = new ArrayList<>();
        for (Trajectory t : cluster.trajectoriesOf(Set.of(name)).values()) {
            rollouts.add(new OneShotSelection.Rollout(t.getQuestionId(), t.getGroupId(),
                    t.getOpenedAt().toEpochMilli(), t.getOutcome() == Outcome.SOLVED));
        }
        List<String> ids = pool.stream().map(TaskItem::questionId).toList();
        List<OneShotSelection.Candidate> candidates = OneShotSelection.candidates(ids, rollouts);
        OneShotSelection.Candidate chosen = OneShotSelection.choose(candidates);
        return new Selection(preRun, candidates, chosen, pool.get(chosen.poolIndex()));
    }

    /** Trains one arm from a copy of the warm start, then evaluates its version at every evaluated step. */
    private ArmRun arm(String arm, String policyName, List<TaskItem> questions, LearnerConfig config,
                       PolicyVersion warm, long seed, List<TaskItem> test, ExperimentCluster cluster,
                       String runId) throws Exception {
        DemoContext ctx = context(seed, settings.updates(), questions, test, cluster, runId);
        SftPhase copies = new SftPhase(ctx);
        copies.startFrom(warm, policyName);
        String title = arm + ": GRPO on " + (questions.size() == 1 ? "one example" : questions.size() + " questions")
                + (config.policyCoefficient() == 0 ? ", entropy bonus alone" : "") + " (" + settings.updates()
                + " updates x " + config.trajectoriesPerUpdate() + " rollouts)";
        RlPhase.Result training = new RlPhase(ctx, arm, policyName, AttemptsPolicy.parse("1"), config).run(title);
        Map<Integer, PolicyVersion> byStep = new LinkedHashMap<>();
        for (PolicyVersion v : training.published()) {
            byStep.put((int) v.getTrainingStep(), v);
        }
        EvalPhase eval = new EvalPhase(ctx);
        Map<Integer, EvalPhase.Episodes> evals = new LinkedHashMap<>();
        for (int step : settings.evalSteps()) {
            if (step == 0) {
                continue;
            }
            PolicyVersion version = byStep.get(step);
            if (version == null) {
                throw new IllegalStateException(arm + ": the learner published no version at update " + step
                        + " (published steps " + byStep.keySet() + ")");
            }
            // A copy of that step's weights under its own name, so an actor serves exactly that version.
            String stepName = policyName + "-at-" + step;
            copies.startFrom(version, stepName);
            evals.put(step, eval.episodes(arm + " at update " + step, stepName, evalSeed(seed), 0f, 1, null));
        }
        return new ArmRun(arm, policyName, training, evals);
    }

    private DemoContext context(long seed, int steps, List<TaskItem> train, List<TaskItem> test,
                                ExperimentCluster cluster, String runId) {
        DemoSettings demo = new DemoSettings(settings.runDir().resolve("seed-" + seed), cluster.bootstrap(),
                cluster.registryUrl(),
                settings.preset(), Dataset.SYNTHETIC, settings.difficulty(), seed, train.size(),
                settings.testQuestions(), settings.sftEpochs(), steps, 2, 1, settings.maxNewTokens(),
                settings.actorBatch());
        try {
            Files.createDirectories(demo.runDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + demo.runDir(), e);
        }
        return cluster.context(demo, settings.runDir().toAbsolutePath().resolve("weights"), train, test, console,
                runId);
    }

    /** Every evaluation of a seed answers the same questions with the same episode seed (ids differ by policy). */
    private static long evalSeed(long seed) {
        return seed * 7_919;
    }

    /** Reads every arm learner's updates log and looks each trained episode up on the trajectory topic. */
    private static Map<String, Trained> trained(List<SeedRun> runs, ExperimentCluster cluster) {
        Set<String> policies = new HashSet<>();
        runs.forEach(r -> r.arms().forEach(a -> policies.add(a.policyName())));
        Map<String, Trajectory> topic = cluster.trajectoriesOf(policies);
        Map<String, Trained> out = new LinkedHashMap<>();
        for (SeedRun run : runs) {
            String example = run.selection().example().questionId();
            for (ArmRun arm : run.arms()) {
                Set<String> episodes = Experiments.trainedEpisodes(arm.training().learnerDir());
                int foreign = 0;
                int onExample = 0;
                Set<String> questions = new HashSet<>();
                for (String id : episodes) {
                    Trajectory t = topic.get(id);
                    if (t == null || !arm.policyName().equals(t.getPolicyName())) {
                        foreign++;
                        continue;
                    }
                    questions.add(t.getQuestionId());
                    onExample += example.equals(t.getQuestionId()) ? 1 : 0;
                }
                out.put(arm.policyName(), new Trained(arm.policyName(), episodes.size(), foreign, questions.size(),
                        onExample));
            }
        }
        return out;
    }
}
