package io.rollstream.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollstream.experiment.MultiAttemptExperiment.ArmRun;
import io.rollstream.experiment.MultiAttemptExperiment.Outcome;
import io.rollstream.experiment.MultiAttemptExperiment.SeedRun;
import io.rollstream.experiment.MultiAttemptExperiment.Separation;
import io.rollstream.eval.EvalEpisodes;
import io.rollstream.eval.stats.Bootstrap;
import io.rollstream.eval.stats.Interval;
import io.rollstream.eval.stats.PassAtK;
import io.rollstream.eval.stats.Verdict;
import io.rollstream.schemas.avro.FinishReason;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The experiment's numbers, drawn from its episodes: the greedy acc@k table, the refinement curve, the sampled
 * view, per-attempt accuracy and finish reasons, the training rise, each with its 95% bootstrap interval (over
 * questions within a seed, and over seeds and questions pooled), the headline difference and its verdict; written
 * as report.md, report.json and PNG charts. Intervals pool the seeds as given; a repeated seed is reported beside
 * its first run and left out of the pooled numbers.
 */
public final class ExperimentReport {

    static final List<String> ARMS = List.of(MultiAttemptExperiment.WARM_START, MultiAttemptExperiment.MULTI,
            MultiAttemptExperiment.SINGLE);
    private static final int SMOOTHING = 9;

    private final MultiAttemptSettings settings;
    private final Outcome outcome;
    private final List<SeedRun> seeds;
    private final SeedRun repeat;
    private final int k;
    private final long bootstrapSeed;
    private final ObjectNode json = new ObjectMapper().createObjectNode();
    private final StringBuilder md = new StringBuilder();
    private final StringBuilder deltaRows = new StringBuilder();

    private ExperimentReport(MultiAttemptSettings settings, Outcome outcome) {
        this.settings = settings;
        this.outcome = outcome;
        this.seeds = outcome.runs().stream().filter(r -> !r.repeat()).toList();
        this.repeat = outcome.runs().stream().filter(SeedRun::repeat).findFirst().orElse(null);
        this.k = settings.maxAttempts();
        this.bootstrapSeed = settings.seeds().get(0) * 104_729L + 17;
    }

    /** What the report concluded, for the console and the exit code. */
    public record Summary(Interval delta, Verdict verdict, Map<String, Interval> rises, boolean pipelineSound,
                   Path markdown, Path json, List<Path> charts) {
    }

    public static Summary write(MultiAttemptSettings settings, Outcome outcome) {
        return new ExperimentReport(settings, outcome).write();
    }

    private Summary write() {
        Path dir = settings.runDir().toAbsolutePath();
        json.set("settings", new ObjectMapper().valueToTree(settingsMap()));
        md.append("# Multi-attempt vs single-turn RL: report\n\n");
        Interval delta = headline();
        Verdict verdict = Verdict.of(delta);
        md.append("**Verdict:** ").append(verdict.sentence()).append(".\n\n");
        md.append(String.format(Locale.ROOT, "Δ = (multi-attempt gain from k=1 to k=2) − (single-turn gain), greedy:"
                + " **%s** points (95%% interval, %d seed%s × %d held-out questions).%n%n",
                delta.scaled(100).format(1), seeds.size(), seeds.size() == 1 ? "" : "s", settings.testQuestions()));
        md.append(deltaRows);
        json.put("verdict", verdict.name());
        json.set("delta", Experiments.interval(delta));
        greedyTable();
        refinementTable();
        sampledTables();
        attemptProfiles();
        Map<String, Interval> rises = training();
        boolean sound = pipeline();
        reproducibility();
        Experiments.settingsSection(md, json, settingsMap(), outcome.elapsed());
        List<Path> charts = charts(dir);
        Experiments.Written files = Experiments.write(dir, md, json);
        return new Summary(delta, verdict, rises, sound, files.markdown(), files.json(), charts);
    }

    // ---- the numbers

    private Interval headline() {
        Function<SeedRun, double[]> perQuestion = run -> {
            double[] m1 = greedy(run, MultiAttemptExperiment.MULTI).solvedWithAttempts(1);
            double[] m2 = greedy(run, MultiAttemptExperiment.MULTI).solvedWithAttempts(2);
            double[] s1 = greedy(run, MultiAttemptExperiment.SINGLE).solvedWithAttempts(1);
            double[] s2 = greedy(run, MultiAttemptExperiment.SINGLE).solvedWithAttempts(2);
            double[] d = new double[m1.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = (m2[i] - m1[i]) - (s2[i] - s1[i]);
            }
            return d;
        };
        ArrayNode perSeed = json.putArray("deltaPerSeed");
        deltaRows.append("| seed | Δ (points) |\n|---|---|\n");
        for (SeedRun run : seeds) {
            Interval i = Bootstrap.overQuestions(perQuestion.apply(run), settings.resamples(), bootstrapSeed);
            perSeed.addObject().put("seed", run.seed()).setAll(Experiments.interval(i));
            deltaRows.append("| ").append(run.seed()).append(" | ").append(i.scaled(100).format(1)).append(" |\n");
        }
        if (repeat != null) {
            Interval i = Bootstrap.overQuestions(perQuestion.apply(repeat), settings.resamples(), bootstrapSeed);
            json.set("deltaRepeat", Experiments.interval(i));
            deltaRows.append("| ").append(repeat.seed()).append(" (repeat) | ").append(i.scaled(100).format(1))
                    .append(" |\n");
        }
        deltaRows.append('\n');
        return pooled(perQuestion);
    }

    private void greedyTable() {
        md.append("## Greedy accuracy with k attempts (the paper's table)\n\n");
        md.append("One set of episodes per k, each with N = k attempts, temperature 0; correct if any attempt is. ")
                .append("Percent, 95% interval pooled over seeds and questions.\n\n");
        byK("greedyAccuracy", (run, arm, kk) -> greedy(run, arm).solvedWithAttempts(kk), k);
    }

    private void refinementTable() {
        md.append("## Refinement within one episode\n\n");
        md.append("Greedy episodes with N = ").append(k).append(": the share solved by attempt ≤ k. Every policy ")
                .append("here was told it has ").append(k).append(" attempts from the start, so this separates the ")
                .append("retry's effect from the prompt's wording.\n\n");
        byK("refinement", (run, arm, kk) -> greedy(run, arm).solvedByAttempt(k, kk), k);
    }

    private void sampledTables() {
        md.append("## Sampled view (temperature 1, ").append(settings.samples()).append(" samples per question)\n\n");
        md.append("acc@k: episodes with N = ").append(k).append(" attempts solved by attempt k, averaged over the ")
                .append("samples.\n\n");
        byK("sampledAccuracy", (run, arm, kk) -> sampled(run, arm).solvedByAttempt(k, kk), k);
        md.append("pass@k: k independent single-attempt samples, unbiased estimator over the ")
                .append(settings.samples()).append(" N = 1 samples.\n\n");
        byK("passAtK", (run, arm, kk) -> {
            int[] correct = sampled(run, arm).correctSingleAttempts();
            double[] out = new double[correct.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = PassAtK.unbiased(settings.samples(), correct[i], kk);
            }
            return out;
        }, Math.min(k, settings.samples()));
    }

    private void attemptProfiles() {
        md.append("## Each attempt\n\n");
        md.append("Episodes with N = ").append(k).append(", pooled over seeds: how many attempts got this far, how ")
                .append("many were correct, how many boxed the same answer as an earlier attempt of their episode, ")
                .append("and why generation stopped. The warm start's rows are the policy before any RL.\n\n");
        md.append("### At temperature 1\n\n");
        attemptTable("attemptProfiles", ExperimentReport::sampled);
        md.append("### Greedy\n\n");
        attemptTable("greedyAttemptProfiles", ExperimentReport::greedy);
    }

    private void attemptTable(String name, java.util.function.BiFunction<SeedRun, String, EvalEpisodes> view) {
        md.append("| policy | attempt | made | correct | accuracy | repeats an earlier answer | boxed | end of turn |"
                + " token limit |\n|---|---|---|---|---|---|---|---|---|\n");
        ObjectNode node = json.putObject(name);
        for (String arm : ARMS) {
            ArrayNode rows = node.putArray(arm);
            for (int a = 1; a <= k; a++) {
                int made = 0;
                int correct = 0;
                int repeated = 0;
                Map<FinishReason, Integer> finishes = new LinkedHashMap<>();
                for (SeedRun run : seeds) {
                    EvalEpisodes.AttemptProfile p = view.apply(run, arm).attemptProfiles(k).get(a - 1);
                    made += p.made();
                    correct += p.correct();
                    repeated += p.repeated();
                    p.finishes().forEach((r, n) -> finishes.merge(r, n, Integer::sum));
                }
                ObjectNode row = rows.addObject().put("attempt", a).put("made", made).put("correct", correct)
                        .put("repeated", repeated);
                ObjectNode f = row.putObject("finishReasons");
                for (FinishReason r : FinishReason.values()) {
                    f.put(r.name(), finishes.getOrDefault(r, 0));
                }
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s | %s | %s | %s | %s |%n", arm, a, made,
                        correct, Experiments.share(correct, made), a == 1 ? "–" : Experiments.share(repeated, made),
                        Experiments.share(finishes.getOrDefault(FinishReason.BOXED, 0), made),
                        Experiments.share(finishes.getOrDefault(FinishReason.END_OF_TURN, 0), made),
                        Experiments.share(finishes.getOrDefault(FinishReason.MAX_TOKENS, 0), made)));
            }
        }
        md.append('\n');
    }

    private Map<String, Interval> training() {
        md.append("## Training\n\n");
        md.append(String.format(Locale.ROOT, "Mean training reward per update (rewards +1 / −0.5 / −1). Before: the "
                + "%d critic warm-up updates, whose rollouts come from the warm-start policy itself; after: the last "
                + "%d updates. Rise with a 95%% interval (seeds, then updates within each window, resampled).%n%n",
                settings.criticWarmup(), settings.criticWarmup()));
        md.append("| arm | before | after | rise |\n|---|---|---|---|\n");
        Map<String, Interval> rises = new LinkedHashMap<>();
        ObjectNode node = json.putObject("trainingRise");
        for (String arm : List.of(MultiAttemptExperiment.MULTI, MultiAttemptExperiment.SINGLE)) {
            List<double[]> before = new ArrayList<>();
            List<double[]> after = new ArrayList<>();
            for (SeedRun run : seeds) {
                double[] rewards = rewards(run.arm(arm));
                int w = Math.min(settings.criticWarmup(), rewards.length / 2);
                if (w == 0) {
                    continue;
                }
                before.add(java.util.Arrays.copyOfRange(rewards, 0, w));
                after.add(java.util.Arrays.copyOfRange(rewards, rewards.length - w, rewards.length));
            }
            if (before.isEmpty()) {
                md.append("| ").append(arm).append(" | – | – | no updates recorded |\n");
                continue;
            }
            Interval rise = TrainingRise.of(before, after, settings.resamples(), bootstrapSeed);
            double b = before.stream().mapToDouble(TrainingRise::mean).average().orElseThrow();
            double a = after.stream().mapToDouble(TrainingRise::mean).average().orElseThrow();
            rises.put(arm, rise);
            node.putObject(arm).put("before", b).put("after", a).set("rise", Experiments.interval(rise));
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %s |%n", arm, b, a, rise.format(3)));
        }
        md.append('\n');
        return rises;
    }

    private boolean pipeline() {
        md.append("## Pipeline\n\n");
        var c = outcome.counts();
        boolean separated = outcome.separation().stream().allMatch(s -> s.foreign() == 0 && s.trained() > 0);
        int evalTimeouts = 0;
        for (SeedRun run : outcome.runs()) {
            for (ArmRun arm : run.arms()) {
                for (EvalEpisodes e : List.of(arm.greedy().episodes(), arm.sampled().episodes())) {
                    evalTimeouts += e.accuracy().stream().mapToInt(a -> a.timedOut()).sum();
                }
            }
        }
        boolean sound = c.invariantsHold() && outcome.audit().passed() && separated && evalTimeouts == 0;
        md.append("Evaluation episodes that timed out (counted as unsolved above): ").append(evalTimeouts)
                .append(".\n\n");
        md.append(Experiments.countsSentence(c, outcome.audit()));
        md.append("Each arm's learner trained only on its own policy's episodes:\n\n| policy | episodes trained on |"
                + " of another policy |\n|---|---|---|\n");
        ArrayNode sep = json.putArray("separation");
        for (Separation s : outcome.separation()) {
            sep.addObject().put("policy", s.policyName()).put("trained", s.trained()).put("foreign", s.foreign());
            md.append("| ").append(s.policyName()).append(" | ").append(s.trained()).append(" | ").append(s.foreign())
                    .append(" |\n");
        }
        md.append('\n');
        Experiments.pipelineJson(json, c, outcome.audit()).put("armsSeparated", separated)
                .put("evalTimeouts", evalTimeouts).put("sound", sound);
        return sound;
    }

    private void reproducibility() {
        md.append("## Reproducibility\n\n");
        ArrayNode warm = json.putArray("warmStarts");
        md.append("| seed | warm-start weights (sha256) | own answers correct | retry demonstrations | wall time |\n")
                .append("|---|---|---|---|---|\n");
        for (SeedRun run : outcome.runs()) {
            String sha = run.warmStart().published().getSha256();
            warm.addObject().put("seed", run.seed()).put("repeat", run.repeat()).put("sha256", sha)
                    .put("ownAnswers", run.warmStart().ownAnswers()).put("ownWrong", run.warmStart().ownWrong())
                    .put("retryExamples", run.warmStart().retryExamples())
                    .put("firstEpochLoss", run.warmStart().firstEpochLoss())
                    .put("lastEpochLoss", run.warmStart().lastEpochLoss())
                    .put("seconds", run.elapsed().toMillis() / 1000.0);
            md.append(String.format(Locale.ROOT, "| %d%s | `%s` | %s | %d | %.0f s |%n", run.seed(),
                    run.repeat() ? " (repeat)" : "", sha.substring(0, 16), Experiments.share(run.warmStart().ownAnswers()
                            - run.warmStart().ownWrong(), run.warmStart().ownAnswers()),
                    run.warmStart().retryExamples(), run.elapsed().toMillis() / 1000.0));
        }
        md.append('\n');
        if (repeat == null) {
            md.append("No seed was repeated (`--repeat-first-seed`), so this report does not measure how much the ")
                    .append("asynchrony of RL moves a run.\n\n");
            return;
        }
        SeedRun first = seeds.stream().filter(r -> r.seed() == repeat.seed()).findFirst().orElseThrow();
        boolean sameWarmStart = first.warmStart().published().getSha256().equals(repeat.warmStart().published()
                .getSha256());
        md.append("Seed ").append(repeat.seed()).append(" ran twice. Warm start: ")
                .append(sameWarmStart ? "identical weights" : "DIFFERENT weights").append("; the questions and ")
                .append("evaluation prompts are the same by construction. RL arms are asynchronous (actors and ")
                .append("learner race, so batches differ), which moves the results below:\n\n");
        md.append("| arm | run | greedy acc@1 | greedy acc@2 |\n|---|---|---|---|\n");
        ObjectNode node = json.putObject("repeat").put("seed", repeat.seed()).put("sameWarmStart", sameWarmStart);
        for (String arm : ARMS) {
            for (SeedRun run : List.of(first, repeat)) {
                double a1 = mean(greedy(run, arm).solvedWithAttempts(1));
                double a2 = mean(greedy(run, arm).solvedWithAttempts(2));
                node.putObject(arm + (run.repeat() ? " repeat" : " first")).put("acc1", a1).put("acc2", a2);
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f |%n", arm,
                        run.repeat() ? "repeat" : "first", 100 * a1, 100 * a2));
            }
        }
        md.append('\n');
    }

    private Map<String, Object> settingsMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seeds", settings.seeds());
        m.put("preset", settings.preset().id());
        m.put("task", "synthetic arithmetic, difficulty " + settings.difficulty().name().toLowerCase(Locale.ROOT));
        m.put("warm-start questions", settings.sftQuestions());
        m.put("RL questions (disjoint from the warm start's)", settings.rlQuestions());
        m.put("held-out questions", settings.testQuestions());
        m.put("warm-start epochs (first attempts, then with own-mistake retries)",
                settings.sftEpochs() + " + " + settings.retryEpochs());
        m.put("own answers sampled per warm-start question", settings.mistakeSamples());
        m.put("critic warm-up updates per arm", settings.criticWarmup());
        m.put("PPO updates per arm", settings.updates());
        m.put("learning rate (both arms)", settings.learningRate());
        m.put("episodes per update", settings.batchEpisodes());
        m.put("K (multi-attempt N drawn from 1..K; k = 1..K in evaluation)", k);
        m.put("max new tokens per attempt", settings.maxNewTokens());
        m.put("PPO", "gamma 1, lambda 0.99, clip 0.2, value clip 0.2, KL 0.01 (k3, in the loss), rollout "
                + "temperature 1, one rollout per prompt, rewards +1 / -0.5 / -1, feedback tokens out of the loss; "
                + "replay off");
        m.put("sampled-view samples per question and k", settings.samples());
        m.put("bootstrap resamples", settings.resamples());
        return m;
    }

    // ---- charts

    private List<Path> charts(Path dir) {
        List<Path> out = new ArrayList<>();
        out.add(ExperimentCharts.intervalsByK(dir.resolve("accuracy-at-k.png"), "Greedy accuracy with k attempts",
                "accuracy (%)", ARMS, ARMS.stream().map(arm -> curve((run, kk) -> greedy(run, arm)
                        .solvedWithAttempts(kk), k)).toList()));
        out.add(ExperimentCharts.intervalsByK(dir.resolve("refinement.png"),
                "Solved by attempt k, greedy episodes with N = " + k, "solved (%)", ARMS,
                ARMS.stream().map(arm -> curve((run, kk) -> greedy(run, arm).solvedByAttempt(k, kk), k)).toList()));
        out.add(ExperimentCharts.intervalsByK(dir.resolve("sampled-accuracy-at-k.png"),
                "Solved by attempt k at temperature 1, N = " + k, "solved (%)", ARMS,
                ARMS.stream().map(arm -> curve((run, kk) -> sampled(run, arm).solvedByAttempt(k, kk), k)).toList()));
        Map<String, double[][]> reward = new LinkedHashMap<>();
        Map<String, double[][]> perAttempt = new LinkedHashMap<>();
        for (String arm : List.of(MultiAttemptExperiment.MULTI, MultiAttemptExperiment.SINGLE)) {
            reward.put(arm, meanOverSeeds(arm, "reward/mean"));
            for (int a = 1; a <= (arm.equals(MultiAttemptExperiment.MULTI) ? 2 : 1); a++) {
                perAttempt.put(arm + ", attempt " + a, meanOverSeeds(arm, "accuracy/attempt-" + a));
            }
        }
        out.add(ExperimentCharts.smoothedLines(dir.resolve("training-reward.png"),
                "Mean training reward per update (mean over seeds)", "update", "reward", reward, SMOOTHING));
        out.add(ExperimentCharts.smoothedLines(dir.resolve("training-attempt-accuracy.png"),
                "Training accuracy per attempt (mean over seeds)", "update", "accuracy", perAttempt, SMOOTHING));
        ArrayNode files = json.putArray("charts");
        out.forEach(p -> files.add(p.getFileName().toString()));
        return out;
    }

    /** Per update index, the mean over seeds of one metric: {update, value} points. */
    private double[][] meanOverSeeds(String arm, String metric) {
        int length = seeds.stream().mapToInt(r -> metrics(r.arm(arm)).size()).min().orElse(0);
        double[][] points = new double[length][];
        for (int u = 0; u < length; u++) {
            double sum = 0;
            int n = 0;
            for (SeedRun run : seeds) {
                Double v = metrics(run.arm(arm)).get(u).get(metric);
                if (v != null && !v.isNaN()) {
                    sum += v;
                    n++;
                }
            }
            points[u] = new double[] {u + 1, n == 0 ? Double.NaN : sum / n};
        }
        return points;
    }

    // ---- helpers

    private interface PerQuestion {
        double[] values(SeedRun run, String arm, int k);
    }

    private interface PerRun {
        double[] values(SeedRun run, int k);
    }

    /** A table arm × k of pooled intervals (percent), and the same numbers per seed in report.json. */
    private void byK(String name, PerQuestion values, int maxK) {
        StringBuilder header = new StringBuilder("| policy |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int kk = 1; kk <= maxK; kk++) {
            header.append(" k=").append(kk).append(" |");
            rule.append("---|");
        }
        md.append(header).append('\n').append(rule).append('\n');
        ObjectNode node = json.putObject(name);
        for (String arm : ARMS) {
            ObjectNode armNode = node.putObject(arm);
            ArrayNode pooled = armNode.putArray("pooled");
            ObjectNode perSeed = armNode.putObject("perSeed");
            md.append("| ").append(arm).append(" |");
            for (int kk = 1; kk <= maxK; kk++) {
                int fixedK = kk;
                Interval i = pooled(run -> values.values(run, arm, fixedK));
                pooled.add(Experiments.interval(i));
                md.append(' ').append(i.scaled(100).format(1)).append(" |");
                for (SeedRun run : outcome.runs()) {
                    String key = run.seed() + (run.repeat() ? "-repeat" : "");
                    ArrayNode seedValues = perSeed.has(key) ? (ArrayNode) perSeed.get(key) : perSeed.putArray(key);
                    seedValues.add(Experiments.interval(Bootstrap.overQuestions(values.values(run, arm, fixedK),
                            settings.resamples(), bootstrapSeed)));
                }
            }
            md.append('\n');
        }
        md.append('\n');
    }

    /** The pooled curve over k of one arm as {mean, low, high} rows in percent. */
    private double[][] curve(PerRun values, int maxK) {
        double[][] out = new double[maxK][];
        for (int kk = 1; kk <= maxK; kk++) {
            int fixedK = kk;
            Interval i = pooled(run -> values.values(run, fixedK)).scaled(100);
            out[kk - 1] = new double[] {i.mean(), i.low(), i.high()};
        }
        return out;
    }

    private Interval pooled(Function<SeedRun, double[]> values) {
        return Bootstrap.overSeedsAndQuestions(seeds.stream().map(values).toList(), settings.resamples(),
                bootstrapSeed);
    }

    private static EvalEpisodes greedy(SeedRun run, String arm) {
        return run.arm(arm).greedy().episodes();
    }

    private static EvalEpisodes sampled(SeedRun run, String arm) {
        return run.arm(arm).sampled().episodes();
    }

    private static List<Map<String, Double>> metrics(ArmRun arm) {
        return arm.training() == null ? List.of() : arm.training().metrics();
    }

    private static double[] rewards(ArmRun arm) {
        return metrics(arm).stream().mapToDouble(m -> m.getOrDefault("reward/mean", Double.NaN))
                .filter(v -> !Double.isNaN(v)).toArray();
    }

    private static double mean(double[] values) {
        return TrainingRise.mean(values);
    }

}
