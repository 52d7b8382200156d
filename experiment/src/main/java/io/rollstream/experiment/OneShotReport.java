package io.rollstream.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollstream.experiment.OneShotExperiment.ArmRun;
import io.rollstream.experiment.OneShotExperiment.Result;
import io.rollstream.experiment.OneShotExperiment.SeedRun;
import io.rollstream.experiment.OneShotExperiment.Trained;
import io.rollstream.eval.stats.Bootstrap;
import io.rollstream.eval.stats.Interval;
import io.rollstream.eval.stats.Verdict;
import io.rollstream.learner.config.LearnerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The 1-shot experiment's numbers, drawn from its episodes: held-out greedy accuracy of every arm at every
 * evaluated step with 95% bootstrap intervals (over questions within a seed, and over seeds and questions pooled),
 * the paired differences at the last step (the headline, 1-shot − warm start, with its verdict), the one example's
 * training accuracy and when it saturated, test accuracy after saturation, how the example was chosen, what every
 * learner trained on, and whether the pipeline held; written as report.md, report.json and PNG charts.
 */
public final class OneShotReport {

    /** The paper's effect, set beside ours (Wang et al. 2025, Qwen2.5-Math-1.5B, GRPO on one example). */
    static final String PAPER = "1-shot RLVR on Qwen2.5-Math-1.5B: MATH500 36.0 → 73.6 (the full 1.2k-example set:"
            + " 73.6 too)";

    private final OneShotSettings settings;
    private final Result outcome;
    private final long bootstrapSeed;
    private final int last;
    private final ObjectNode json = new ObjectMapper().createObjectNode();
    private final StringBuilder md = new StringBuilder();

    private OneShotReport(OneShotSettings settings, Result outcome) {
        this.settings = settings;
        this.outcome = outcome;
        this.bootstrapSeed = settings.seeds().get(0) * 104_729L + 31;
        this.last = settings.updates();
    }

    /**
     * What the report concluded, for the console and the exit code.
     *
     * @param delta         1-shot − warm start at the last step, greedy held-out accuracy
     * @param verdict       its verdict
     * @param versusFull    1-shot − full set at the last step
     * @param pipelineSound every invariant held
     */
    public record Summary(Interval delta, Verdict verdict, Interval versusFull, boolean pipelineSound, Path markdown,
                   Path json, List<Path> charts) {
    }

    public static Summary write(OneShotSettings settings, Result outcome) {
        return new OneShotReport(settings, outcome).write();
    }

    private Summary write() {
        Path dir = settings.runDir().toAbsolutePath();
        json.set("settings", new ObjectMapper().valueToTree(settingsMap()));
        md.append("# 1-shot RLVR: GRPO on one example vs the full set vs the entropy bonus alone: report\n\n");
        Interval delta = difference(OneShotExperiment.ONE_SHOT, last, null);
        Interval versusFull = difference(OneShotExperiment.ONE_SHOT, last, OneShotExperiment.FULL_SET);
        Verdict verdict = Verdict.of(delta);
        md.append("**Verdict:** ").append(sentence(verdict)).append(".\n\n");
        md.append(String.format(Locale.ROOT, "Δ = 1-shot after %d updates − warm start, greedy accuracy on held-out "
                        + "questions: **%s** points (95%% interval, %d seed%s × %d questions). The paper: %s.%n%n",
                last, delta.scaled(100).format(1), outcome.runs().size(), outcome.runs().size() == 1 ? "" : "s",
                settings.testQuestions(), PAPER));
        json.put("verdict", verdict.name());
        json.set("delta", Experiments.interval(delta));
        json.put("paper", PAPER);
        md.append("| difference after ").append(last).append(" updates (points) | pooled | ");
        outcome.runs().forEach(r -> md.append("seed ").append(r.seed()).append(" | "));
        md.append("\n|---|---|").append("---|".repeat(outcome.runs().size())).append('\n');
        differenceRow("1-shot − warm start", OneShotExperiment.ONE_SHOT, null, delta);
        differenceRow("full set − warm start", OneShotExperiment.FULL_SET, null,
                difference(OneShotExperiment.FULL_SET, last, null));
        differenceRow("entropy only − warm start", OneShotExperiment.ENTROPY_ONLY, null,
                difference(OneShotExperiment.ENTROPY_ONLY, last, null));
        differenceRow("1-shot − full set", OneShotExperiment.ONE_SHOT, OneShotExperiment.FULL_SET, versusFull);
        md.append('\n');
        accuracyOverSteps();
        saturation();
        selection();
        training();
        boolean sound = pipeline();
        reproducibility();
        Experiments.settingsSection(md, json, settingsMap(), outcome.elapsed());
        List<Path> charts = charts(dir);
        Experiments.Written files = Experiments.write(dir, md, json);
        return new Summary(delta, verdict, versusFull, sound, files.markdown(), files.json(), charts);
    }

    /** The verdict on 1-shot over the warm start, in words. */
    static String sentence(Verdict verdict) {
        return switch (verdict) {
            case REPRODUCED -> "reproduced: GRPO on one example answers more held-out questions than the warm start "
                    + "it began from, and the 95% interval of the difference is above 0";
            case REVERSED -> "reversed: GRPO on one example answers fewer held-out questions than the warm start it "
                    + "began from, and the 95% interval of the difference is below 0";
            case INCONCLUSIVE -> "inconclusive: the 95% interval of 1-shot − warm start includes 0, so the data "
                    + "cannot tell whether training on one example moved held-out accuracy";
        };
    }

    // ---- the sections

    private void differenceRow(String name, String arm, String baseline, Interval pooled) {
        ObjectNode all = json.has("differences") ? (ObjectNode) json.get("differences") : json.putObject("differences");
        ObjectNode node = all.putObject(name);
        node.set("pooled", Experiments.interval(pooled));
        ObjectNode perSeed = node.putObject("perSeed");
        md.append("| ").append(name).append(" | ").append(pooled.scaled(100).format(1)).append(" | ");
        for (SeedRun run : outcome.runs()) {
            Interval i = Bootstrap.overQuestions(paired(run, arm, last, baseline, last), settings.resamples(),
                    bootstrapSeed);
            perSeed.set(Long.toString(run.seed()), Experiments.interval(i));
            md.append(i.scaled(100).format(1)).append(" | ");
        }
        md.append('\n');
    }

    private void accuracyOverSteps() {
        List<Integer> steps = settings.evalSteps();
        md.append("## Held-out accuracy over training\n\n");
        md.append("Greedy, one attempt, the same ").append(settings.testQuestions()).append(" held-out questions ")
                .append("per seed at every step; update 0 is the warm start every arm begins from. Percent, 95% ")
                .append("interval pooled over seeds and questions.\n\n");
        md.append("| arm |");
        steps.forEach(s -> md.append(" update ").append(s).append(" |"));
        md.append("\n|---|").append("---|".repeat(steps.size())).append('\n');
        ObjectNode node = json.putObject("testAccuracy");
        for (String arm : OneShotExperiment.ARMS) {
            ObjectNode armNode = node.putObject(arm);
            md.append("| ").append(arm).append(" |");
            for (int step : steps) {
                Interval pooled = pooled(run -> solved(run, arm, step));
                ObjectNode stepNode = armNode.putObject(Integer.toString(step));
                stepNode.set("pooled", Experiments.interval(pooled));
                ObjectNode perSeed = stepNode.putObject("perSeed");
                for (SeedRun run : outcome.runs()) {
                    perSeed.set(Long.toString(run.seed()), Experiments.interval(
                            Bootstrap.overQuestions(solved(run, arm, step), settings.resamples(), bootstrapSeed)));
                }
                md.append(' ').append(pooled.scaled(100).format(1)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void saturation() {
        md.append("## The one example's training accuracy, and after it saturated\n\n");
        md.append(String.format(Locale.ROOT, "The 1-shot arm's training accuracy is the share of an update's %d "
                        + "rollouts of the one example that were correct; it has saturated at the first update with at "
                        + "least %.0f%%. The paper's post-saturation generalisation: held-out accuracy keeps rising "
                        + "after that. Here: held-out accuracy at the first evaluated update at or after saturation, "
                        + "and at the last update.%n%n", grpoRollouts(), 100 * OneShotSettings.SATURATED));
        md.append("| seed | first update | last update | saturated at update | held-out at saturation | held-out at ")
                .append(last).append(" | difference (points) |\n|---|---|---|---|---|---|---|\n");
        ArrayNode rows = json.putArray("saturation");
        List<double[]> gains = new ArrayList<>();
        for (SeedRun run : outcome.runs()) {
            double[] acc = run.arm(OneShotExperiment.ONE_SHOT).trainingAccuracy();
            int index = OneShotSelection.firstAtLeast(acc, OneShotSettings.SATURATED);
            ObjectNode row = rows.addObject().put("seed", run.seed())
                    .put("firstUpdateAccuracy", acc.length == 0 ? Double.NaN : acc[0])
                    .put("lastUpdateAccuracy", acc.length == 0 ? Double.NaN : acc[acc.length - 1]);
            String first = acc.length == 0 ? "–" : percent(acc[0]);
            String lastAcc = acc.length == 0 ? "–" : percent(acc[acc.length - 1]);
            if (index < 0) {
                row.putNull("saturatedAt");
                md.append(String.format(Locale.ROOT, "| %d | %s | %s | not within %d updates | – | – | – |%n",
                        run.seed(), first, lastAcc, last));
                continue;
            }
            int saturatedAt = index + 1;
            int evaluated = settings.evalSteps().stream().filter(s -> s >= saturatedAt).findFirst().orElse(last);
            double[] gain = paired(run, OneShotExperiment.ONE_SHOT, last, OneShotExperiment.ONE_SHOT, evaluated);
            gains.add(gain);
            Interval atSat = Bootstrap.overQuestions(solved(run, OneShotExperiment.ONE_SHOT, evaluated),
                    settings.resamples(), bootstrapSeed);
            Interval atLast = Bootstrap.overQuestions(solved(run, OneShotExperiment.ONE_SHOT, last),
                    settings.resamples(), bootstrapSeed);
            Interval g = Bootstrap.overQuestions(gain, settings.resamples(), bootstrapSeed);
            row.put("saturatedAt", saturatedAt).put("evaluatedAt", evaluated);
            row.set("atSaturation", Experiments.interval(atSat));
            row.set("atLast", Experiments.interval(atLast));
            row.set("gainAfterSaturation", Experiments.interval(g));
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %d (evaluated at %d) | %s | %s | %s |%n",
                    run.seed(), first, lastAcc, saturatedAt, evaluated, atSat.scaled(100).format(1),
                    atLast.scaled(100).format(1), g.scaled(100).format(1)));
        }
        md.append('\n');
        if (gains.isEmpty()) {
            md.append("The one example's training accuracy did not saturate in any seed, so this run says nothing ")
                    .append("about post-saturation generalisation.\n\n");
            json.putNull("postSaturationGain");
        } else {
            Interval pooled = Bootstrap.overSeedsAndQuestions(gains, settings.resamples(), bootstrapSeed);
            json.set("postSaturationGain", Experiments.interval(pooled));
            md.append(String.format(Locale.ROOT, "Held-out accuracy from saturation to update %d, over the %d "
                            + "seed%s that saturated: **%s** points (95%% interval); %s.%n%n", last, gains.size(),
                    gains.size() == 1 ? "" : "s", pooled.scaled(100).format(1), switch (Verdict.of(pooled)) {
                        case REPRODUCED -> "it kept rising after saturation, as in the paper";
                        case REVERSED -> "it fell after saturation, unlike the paper";
                        case INCONCLUSIVE -> "the interval includes 0, so no rise after saturation is shown";
                    }));
        }
    }

    private void selection() {
        md.append("## The one example and how it was chosen\n\n");
        md.append(String.format(Locale.ROOT, "Per seed, a GRPO pre-run from the warm start over a pool of the first "
                        + "%d training questions (%d passes, %d updates; each pass samples every candidate once, as "
                        + "one group of %d rollouts, and the feeder runs a little ahead of the learner, so some are "
                        + "sampled once more); each candidate's training accuracy is taken every time it was "
                        + "sampled, and the candidate with the largest variance of those accuracies is the one "
                        + "example (ties: the earlier in the pool). The pre-run's policy is thrown away.%n%n",
                settings.candidates(), settings.selectionEpochs(), settings.selectionUpdates(),
                LearnerConfig.grpo().groupSize()));
        md.append("| seed | one example | answer | accuracy history | variance | candidates with variance > 0 |\n")
                .append("|---|---|---|---|---|---|\n");
        ArrayNode rows = json.putArray("selection");
        for (SeedRun run : outcome.runs()) {
            OneShotExperiment.Selection s = run.selection();
            long varied = s.candidates().stream().filter(c -> c.variance() > 0).count();
            ObjectNode row = rows.addObject().put("seed", run.seed()).put("questionId", s.example().questionId())
                    .put("problem", s.example().problem()).put("answer", s.example().answer())
                    .put("variance", s.chosen().variance()).put("candidatesWithVariance", varied)
                    .put("preRunUpdates", s.preRun().updates());
            ArrayNode history = row.putArray("history");
            Arrays.stream(s.chosen().history()).forEach(history::add);
            ArrayNode top = row.putArray("topCandidates");
            s.candidates().stream().sorted(Comparator.comparingDouble(OneShotSelection.Candidate::variance).reversed()
                    .thenComparingInt(OneShotSelection.Candidate::poolIndex)).limit(5).forEach(c -> {
                        ObjectNode n = top.addObject().put("questionId", c.questionId()).put("variance", c.variance());
                        ArrayNode h = n.putArray("history");
                        Arrays.stream(c.history()).forEach(h::add);
                    });
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %.4f | %d of %d |%n", run.seed(),
                    cell(s.example().problem()), cell(s.example().answer()), history(s.chosen().history()),
                    s.chosen().variance(), varied, s.candidates().size()));
        }
        md.append('\n');
        if (outcome.runs().stream().anyMatch(r -> r.selection().chosen().variance() == 0)) {
            md.append("Where no candidate's accuracy varied, the first in the pool was taken: the selection then ")
                    .append("picked nothing.\n\n");
        }
    }

    private void training() {
        int window = Math.max(1, Math.min(5, last / 2));
        md.append("## Training accuracy\n\n");
        md.append(String.format(Locale.ROOT, "Share of each update's rollouts that were correct, at the GRPO preset's "
                + "temperature, mean of the first and of the last %d updates, pooled over seeds. The 1-shot and "
                + "entropy-only arms answer their one example; the full-set arm a new question each group.%n%n",
                window));
        md.append("| arm | first updates | last updates |\n|---|---|---|\n");
        ObjectNode node = json.putObject("trainingAccuracy");
        for (String arm : OneShotExperiment.ARMS) {
            double first = 0;
            double end = 0;
            int n = 0;
            ObjectNode armNode = node.putObject(arm);
            for (SeedRun run : outcome.runs()) {
                double[] acc = run.arm(arm).trainingAccuracy();
                ArrayNode perUpdate = armNode.putArray(Long.toString(run.seed()));
                Arrays.stream(acc).forEach(perUpdate::add);
                if (acc.length >= window) {
                    first += mean(Arrays.copyOfRange(acc, 0, window));
                    end += mean(Arrays.copyOfRange(acc, acc.length - window, acc.length));
                    n++;
                }
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", arm, n == 0 ? "–" : percent(first / n),
                    n == 0 ? "–" : percent(end / n)));
        }
        md.append('\n');
    }

    private boolean pipeline() {
        md.append("## Pipeline\n\n");
        var c = outcome.counts();
        int evalTimeouts = 0;
        boolean allUpdates = true;
        for (SeedRun run : outcome.runs()) {
            evalTimeouts += Experiments.timeouts(run.warmEval());
            for (ArmRun arm : run.arms()) {
                allUpdates &= arm.training().updates() == last;
                for (var e : arm.evals().values()) {
                    evalTimeouts += Experiments.timeouts(e);
                }
            }
        }
        boolean separated = true;
        boolean oneExample = true;
        md.append("| seed | arm | updates | episodes trained on | of another policy | distinct questions | "
                + "of the one example |\n|---|---|---|---|---|---|---|\n");
        ArrayNode trainedRows = json.putArray("trained");
        for (SeedRun run : outcome.runs()) {
            for (ArmRun arm : run.arms()) {
                Trained t = outcome.trained().get(arm.policyName());
                separated &= t.foreign() == 0 && t.episodes() > 0;
                if (!arm.arm().equals(OneShotExperiment.FULL_SET)) {
                    oneExample &= t.questions() == 1 && t.example() == t.episodes();
                }
                trainedRows.addObject().put("seed", run.seed()).put("arm", arm.arm())
                        .put("policyName", t.policyName()).put("updates", arm.training().updates())
                        .put("episodes", t.episodes()).put("foreign", t.foreign()).put("questions", t.questions())
                        .put("example", t.example());
                md.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %d | %d | %d |%n", run.seed(), arm.arm(),
                        arm.training().updates(), t.episodes(), t.foreign(), t.questions(), t.example()));
            }
        }
        md.append('\n');
        boolean sound = c.invariantsHold() && outcome.audit().passed() && evalTimeouts == 0 && c.deadLetters() == 0
                && separated && oneExample && allUpdates;
        md.append(Experiments.countsSentence(c, outcome.audit()));
        md.append("Evaluation episodes that timed out (counted as unsolved above): ").append(evalTimeouts)
                .append(". Every arm trained only on its own policy's episodes: ").append(separated ? "yes" : "NO")
                .append("; the 1-shot and entropy-only arms only on their one example: ")
                .append(oneExample ? "yes" : "NO").append("; every arm made its ").append(last).append(" updates: ")
                .append(allUpdates ? "yes" : "NO").append(".\n\n");
        Experiments.pipelineJson(json, c, outcome.audit()).put("evalTimeouts", evalTimeouts)
                .put("armsSeparated", separated).put("oneExampleOnly", oneExample).put("allUpdatesMade", allUpdates)
                .put("sound", sound);
        return sound;
    }

    private void reproducibility() {
        md.append("## Reproducibility\n\n");
        md.append("| seed | warm-start weights (sha256) | 1-shot at ").append(last).append(" | full set at ").append(last)
                .append(" | entropy only at ").append(last).append(" | wall time |\n|---|---|---|---|---|---|\n");
        ArrayNode rows = json.putArray("seeds");
        for (SeedRun run : outcome.runs()) {
            String warm = run.warmStart().published().getSha256();
            ObjectNode row = rows.addObject().put("seed", run.seed()).put("runId", run.runId())
                    .put("warmStartSha256", warm).put("seconds", run.elapsed().toMillis() / 1000.0);
            md.append(String.format(Locale.ROOT, "| %d | `%s` |", run.seed(), warm.substring(0, 16)));
            for (String arm : OneShotExperiment.ARMS) {
                var published = run.arm(arm).training().published();
                String sha = published.isEmpty() ? "–" : published.get(published.size() - 1).getSha256();
                row.put(arm + " sha256", sha);
                md.append(" `").append(sha.length() > 16 ? sha.substring(0, 16) : sha).append("` |");
            }
            md.append(String.format(Locale.ROOT, " %.0f s |%n", run.elapsed().toMillis() / 1000.0));
        }
        md.append("\nThe warm start is the same bit for bit for a seed. Rollouts are sampled by the actor in batches ")
                .append("whose make-up depends on timing, so the chosen example and every trained arm can differ ")
                .append("between two runs of a seed.\n\n");
    }

    private Map<String, Object> settingsMap() {
        LearnerConfig g = LearnerConfig.grpo();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seeds", settings.seeds());
        m.put("preset", settings.preset().id());
        m.put("task", "synthetic arithmetic, difficulty " + settings.difficulty().name().toLowerCase(Locale.ROOT)
                + ", single attempt");
        m.put("warm-start questions", settings.sftQuestions());
        m.put("warm-start epochs", settings.sftEpochs());
        m.put("RL training set (disjoint from the warm start's)", settings.trainQuestions());
        m.put("selection pool (the training set's first)", settings.candidates());
        m.put("selection pre-run passes over the pool", settings.selectionEpochs());
        m.put("GRPO updates per arm", settings.updates());
        m.put("held-out evaluation every", settings.evalEvery() + " updates");
        m.put("rollouts per update", settings.groupsPerUpdate() + " groups x G = " + g.groupSize());
        m.put("learning rate (every arm)", settings.learningRate());
        m.put("GRPO", String.format(Locale.ROOT, "temperature %s, clip %s, KL %s (%s, in the loss), entropy bonus %s, "
                        + "%d epoch per batch, group advantages (r - mean) / std, rewards +1 / -0.5 / -1; replay off",
                g.temperature(), g.clipLow(), g.klCoefficient(), g.klEstimator().name().toLowerCase(Locale.ROOT),
                g.entropyCoefficient(), g.epochs()));
        m.put("entropy only", "the 1-shot arm's data and settings with the policy-gradient term at weight 0");
        m.put("held-out questions", settings.testQuestions());
        m.put("max new tokens per answer", settings.maxNewTokens());
        m.put("bootstrap resamples", settings.resamples());
        return m;
    }

    private List<Path> charts(Path dir) {
        List<Path> out = new ArrayList<>();
        List<Integer> steps = settings.evalSteps();
        double[] x = steps.stream().mapToDouble(Integer::doubleValue).toArray();
        List<double[][]> perArm = OneShotExperiment.ARMS.stream().map(arm -> steps.stream()
                .map(step -> Experiments.percentRow(pooled(run -> solved(run, arm, step)))).toArray(double[][]::new)).toList();
        out.add(ExperimentCharts.intervalsAt(dir.resolve("test-accuracy.png"),
                "Held-out greedy accuracy over training (pooled over seeds, 95% interval)", "GRPO update",
                "accuracy (%)", OneShotExperiment.ARMS, x, perArm));
        Map<String, double[][]> series = new LinkedHashMap<>();
        for (String arm : OneShotExperiment.ARMS) {
            List<double[]> points = new ArrayList<>();
            for (SeedRun run : outcome.runs()) {
                double[] acc = run.arm(arm).trainingAccuracy();
                for (int u = 0; u < acc.length; u++) {
                    points.add(new double[] {u + 1, 100 * acc[u]});
                }
            }
            series.put(arm, points.toArray(double[][]::new));
        }
        out.add(ExperimentCharts.smoothedLines(dir.resolve("training-accuracy.png"),
                "Training accuracy per update (every seed's points, moving average)", "GRPO update",
                "correct rollouts (%)", series, Math.max(1, outcome.runs().size() * 5)));
        ArrayNode files = json.putArray("charts");
        out.forEach(p -> files.add(p.getFileName().toString()));
        return out;
    }

    // ---- helpers

    private Interval difference(String arm, int step, String baseline) {
        return pooled(run -> paired(run, arm, step, baseline, step));
    }

    /** Per question: arm at step − baseline at its step (the warm start when baseline is null). */
    private static double[] paired(SeedRun run, String arm, int step, String baseline, int baselineStep) {
        double[] a = solved(run, arm, step);
        double[] b = baseline == null ? run.warmEval().episodes().solvedWithAttempts(1)
                : solved(run, baseline, baselineStep);
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static double[] solved(SeedRun run, String arm, int step) {
        return run.at(arm, step).episodes().solvedWithAttempts(1);
    }

    private Interval pooled(Function<SeedRun, double[]> values) {
        return Bootstrap.overSeedsAndQuestions(outcome.runs().stream().map(values).toList(), settings.resamples(),
                bootstrapSeed);
    }

    private int grpoRollouts() {
        return settings.groupsPerUpdate() * LearnerConfig.grpo().groupSize();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String history(double[] h) {
        StringBuilder b = new StringBuilder();
        for (double v : h) {
            b.append(b.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v));
        }
        return b.isEmpty() ? "–" : b.toString();
    }

    /** Text fit for a table cell: one line, pipes escaped. */
    private static String cell(String text) {
        return text.replace("\n", " ").replace("|", "\\|");
    }
}
