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
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.TaskItem;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Retrospective replay measured, through the real pipeline: for each seed one single-turn warm start
 * ({@link WarmStart}), then from it two PPO arms with their own policy names and the same critic warm-up, updates,
 * episodes per update, learning rate and questions in the same order: one without replay, one with it (after the
 * warm-up the learner keeps the states of failed answers its critic rates promising and sends some back as REPLAY
 * prompts, whose trajectories fill part of later batches). Then the warm start and both arms answer the same
 * held-out questions greedily and, several times each, at temperature 1.
 */
public final class ReplayExperiment {

    static final String WARM_START = "warm start";
    static final String PPO = "PPO";
    static final String RRL = "PPO + replay";
    static final List<String> ARMS = List.of(WARM_START, PPO, RRL);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMinutes(20);

    /**
     * One arm of one seed.
     *
     * @param arm        warm start, PPO or PPO + replay
     * @param policyName its policy
     * @param training   its PPO run, or null for the warm start
     * @param greedy     the greedy evaluation
     * @param sampled    the temperature-1 evaluation
     */
    record ArmRun(String arm, String policyName, RlPhase.Result training, EvalPhase.Episodes greedy,
                  EvalPhase.Episodes sampled) {
    }

    /**
     * One seed's run.
     *
     * @param seed      the seed
     * @param runId     stamped on its records
     * @param warmStart the warm start
     * @param arms      warm start, PPO, PPO + replay
     * @param elapsed   wall-clock time
     */
    record SeedRun(long seed, String runId, WarmStart.Result warmStart, List<ArmRun> arms, Duration elapsed) {

        ArmRun arm(String name) {
            return arms.stream().filter(a -> a.arm().equals(name)).findFirst().orElseThrow();
        }
    }

    /**
     * What a trained arm did with replay, read from its learner's logs and the trajectory topic.
     *
     * @param policyName     the arm's policy
     * @param offered        step boundaries of failed answers its learner valued with the critic
     * @param threshold      mean over its updates of the batch's bar a state's value had to reach (NaN with none)
     * @param captured       states the learner's buffer took in
     * @param published      replay prompts it sent
     * @param closed         replay episodes of the policy that closed
     * @param solved         of them, solved from the replayed state
     * @param trained        replay trajectories in its updates
     * @param freshClosed    fresh training episodes that closed
     * @param freshSolved    of them, solved
     * @param episodes       distinct episodes it trained on
     * @param foreign        of them, episodes of another policy (or of none found on the topic)
     */
    record Replay(String policyName, long offered, double threshold, long captured, long published, int closed,
                  int solved, long trained, int freshClosed, int freshSolved, int episodes, int foreign) {
    }

    /**
     * The whole experiment.
     *
     * @param runs    the seeds' runs, in order
     * @param replay  for every trained arm's policy, its replay counts
     * @param counts  what the topics hold, with the pipeline invariants
     * @param audit   the auditor's check of the run's window
     * @param elapsed wall-clock time
     */
    public record Result(List<SeedRun> runs, Map<String, Replay> replay, PipelineCounts counts, AuditReport audit,
                  Duration elapsed) {
    }

    private final ReplaySettings settings;
    private final PipelineSecurity security;
    private final PrintStream console;
    private final String stamp;

    public ReplayExperiment(ReplaySettings settings, PipelineSecurity security, PrintStream console) {
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
                    Map<String, Replay> replay = replay(runs, cluster);
                    PipelineCounts counts = cluster.counts();
                    AuditReport audit = cluster.audit(startedAt);
                    return new Result(runs, replay, counts, audit, Duration.ofNanos(System.nanoTime() - started));
                });
    }

    private SeedRun runSeed(long seed, ExperimentCluster cluster) throws Exception {
        long started = System.nanoTime();
        String runId = "rrl-" + stamp + "-s" + seed;
        console.printf("%n== seed %d ==%n", seed);
        DemoSettings demo = new DemoSettings(settings.runDir().resolve("seed-" + seed), cluster.bootstrap(),
                cluster.registryUrl(),
                settings.preset(), Dataset.SYNTHETIC, settings.difficulty(), seed, settings.rlQuestions(),
                settings.testQuestions(), settings.sftEpochs(), settings.updates(), settings.batchEpisodes(), 1,
                settings.maxNewTokens(), settings.actorBatch());
        Files.createDirectories(demo.runDir());
        // One draw of training questions, split in two: the warm start's and RL's never overlap.
        SeedQuestions questions = settings.questions(seed);
        List<TaskItem> sftItems = questions.warmStart(settings.sftQuestions());
        List<TaskItem> rlItems = questions.afterWarmStart(settings.sftQuestions());
        List<TaskItem> test = questions.test();
        DemoContext ctx = cluster.context(demo, settings.runDir().toAbsolutePath().resolve("weights"), rlItems, test, console, runId);

        String warmName = "warm-start-" + runId;
        String ppoName = "ppo-" + runId;
        String rrlName = "ppo-replay-" + runId;
        WarmStart.Result warm = new WarmStart(ctx, sftItems, settings.warmStart()).run(warmName, seed);
        console.printf(Locale.ROOT, "warm start: %d questions, loss %.3f -> %.3f%n", warm.firstStageExamples(),
                warm.firstEpochLoss(), warm.lastEpochLoss());
        SftPhase copies = new SftPhase(ctx);
        copies.startFrom(warm.published(), ppoName);
        copies.startFrom(warm.published(), rrlName);

        LearnerConfig base = LearnerConfig.ppo().toBuilder().criticWarmupUpdates(settings.criticWarmup())
                .learningRate(settings.learningRate()).build();
        String budget = settings.criticWarmup() + " critic + " + settings.updates() + " PPO updates";
        // Both arms take the same questions in the same order: the feed's seed is the role's, so name it alike.
        RlPhase.Result ppo = new RlPhase(ctx, "ppo", ppoName, AttemptsPolicy.parse("1"),
                base.toBuilder().replayEnabled(false).build()).run("PPO, no replay (" + budget + ")");
        RlPhase.Result rrl = new RlPhase(ctx, "ppo", rrlName, AttemptsPolicy.parse("1"),
                base.toBuilder().replayEnabled(true).replayRatio(settings.replayRatio()).build())
                .run("PPO + replay (" + budget + ")");

        EvalPhase eval = new EvalPhase(ctx);
        long greedySeed = seed * 7_919;
        long sampledSeed = seed * 7_919 + 1;
        List<ArmRun> arms = new ArrayList<>();
        arms.add(evaluate(eval, WARM_START, warmName, null, greedySeed, sampledSeed));
        arms.add(evaluate(eval, PPO, ppoName, ppo, greedySeed, sampledSeed));
        arms.add(evaluate(eval, RRL, rrlName, rrl, greedySeed, sampledSeed));
        return new SeedRun(seed, runId, warm, arms, Duration.ofNanos(System.nanoTime() - started));
    }

    private ArmRun evaluate(EvalPhase eval, String arm, String policyName, RlPhase.Result training, long greedySeed,
                            long sampledSeed) throws InterruptedException {
        EvalPhase.Episodes greedy = eval.episodes(arm + ", greedy", policyName, greedySeed, 0f, 1, null);
        EvalPhase.Episodes sampled = eval.episodes(arm + ", temperature 1 x " + settings.samples(), policyName,
                sampledSeed, 1f, settings.samples(), null);
        return new ArmRun(arm, policyName, training, greedy, sampled);
    }

    /** Each trained arm's replay counts: its learner's running totals and its trajectories on the topic. */
    private static Map<String, Replay> replay(List<SeedRun> runs, ExperimentCluster cluster) {
        Set<String> policies = new HashSet<>();
        runs.forEach(r -> r.arms().stream().filter(a -> a.training() != null)
                .forEach(a -> policies.add(a.policyName())));
        Map<String, Trajectory> topic = cluster.trajectoriesOf(policies);
        Map<String, Replay> out = new LinkedHashMap<>();
        for (SeedRun run : runs) {
            for (ArmRun arm : run.arms()) {
                if (arm.training() == null) {
                    continue;
                }
                List<Map<String, Double>> metrics = arm.training().metrics();
                Map<String, Double> last = metrics.isEmpty() ? Map.of() : metrics.get(metrics.size() - 1);
                long trained = Math.round(metrics.stream().mapToDouble(m -> m.getOrDefault("replay/trained", 0.0))
                        .sum());
                double threshold = metrics.stream().filter(m -> m.containsKey("replay/threshold"))
                        .mapToDouble(m -> m.get("replay/threshold")).average().orElse(Double.NaN);
                int closed = 0;
                int solved = 0;
                int freshClosed = 0;
                int freshSolved = 0;
                for (Trajectory t : topic.values()) {
                    if (!t.getPolicyName().equals(arm.policyName())) {
                        continue;
                    }
                    boolean ok = t.getOutcome() == Outcome.SOLVED;
                    if (t.getOrigin() == PromptOrigin.REPLAY) {
                        closed++;
                        solved += ok ? 1 : 0;
                    } else if (t.getOrigin() == PromptOrigin.FRESH) {
                        freshClosed++;
                        freshSolved += ok ? 1 : 0;
                    }
                }
                Set<String> episodes = Experiments.trainedEpisodes(arm.training().learnerDir());
                int foreign = (int) episodes.stream().filter(id -> topic.get(id) == null
                        || !arm.policyName().equals(topic.get(id).getPolicyName())).count();
                out.put(arm.policyName(), new Replay(arm.policyName(),
                        Math.round(last.getOrDefault("replay/offered", 0.0)), threshold,
                        Math.round(last.getOrDefault("replay/captured", 0.0)),
                        Math.round(last.getOrDefault("replay/published", 0.0)), closed, solved, trained, freshClosed,
                        freshSolved, episodes.size(), foreign));
            }
        }
        return out;
    }
}
