package io.rollstream.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollstream.experiment.OreoExperiment.Outcome;
import io.rollstream.experiment.OreoExperiment.SeedRun;
import io.rollstream.eval.EvalEpisodes;
import io.rollstream.eval.stats.Bootstrap;
import io.rollstream.eval.stats.Interval;
import io.rollstream.eval.stats.Verdict;
import io.rollstream.learner.service.OfflineRun;
import io.rollstream.schemas.avro.FinishReason;
import io.rollstream.schemas.avro.PolicyVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The OREO experiment's numbers, drawn from its episodes: greedy accuracy of every arm on the held-out questions
 * with 95% bootstrap intervals (over questions within a seed, and over seeds and questions pooled), the paired
 * differences OREO − RS-SFT (the headline, with its verdict), OREO − warm start and search − greedy OREO, how each
 * answer ended, what the offline learners read and trained on, and whether the pipeline held; written as
 * report.md, report.json and PNG charts.
 */
public final class OreoReport {

    /** The paper's effect, set beside ours (Wang et al. 2024, 1.5B model, greedy). */
    static final String PAPER = "OREO over SFT on a 1.5B model, greedy: GSM8K 73.5 → 77.3, MATH 47.5 → 52.5";

    private final OreoSettings settings;
    private final Outcome outcome;
    private final long bootstrapSeed;
    private final ObjectNode json = new ObjectMapper().createObjectNode();
    private final StringBuilder md = new StringBuilder();

    private OreoReport(OreoSettings settings, Outcome outcome) {
        this.settings = settings;
        this.outcome = outcome;
        this.bootstrapSeed = settings.seeds().get(0) * 104_729L + 29;
    }

    /**
     * What the report concluded, for the console and the exit code.
     *
     * @param delta         OREO − RS-SFT, greedy accuracy
     * @param verdict       its verdict
     * @param searchGain    OREO with search − greedy OREO
     * @param pipelineSound every invariant held
     */
    public record Summary(Interval delta, Verdict verdict, Interval searchGain, boolean pipelineSound, Path markdown,
                   Path json, List<Path> charts) {
    }

    public static Summary write(OreoSettings settings, Outcome outcome) {
        return new OreoReport(settings, outcome).write();
    }

    private Summary write() {
        Path dir = settings.runDir().toAbsolutePath();
        json.set("settings", new ObjectMapper().valueToTree(settingsMap()));
        md.append("# OREO vs rejection-sampling SFT, offline from the trajectory log: report\n\n");
        Interval delta = difference(OreoExperiment.OREO, OreoExperiment.RS_SFT);
        Interval overWarm = difference(OreoExperiment.OREO, OreoExperiment.WARM_START);
        Interval search = difference(OreoExperiment.OREO_SEARCH, OreoExperiment.OREO);
        Verdict verdict = Verdict.of(delta);
        md.append("**Verdict:** ").append(sentence(verdict)).append(".\n\n");
        md.append(String.format(Locale.ROOT, "Δ = OREO − RS-SFT, greedy accuracy on held-out questions: **%s** "
                        + "points (95%% interval, %d seed%s × %d questions). The paper: %s.%n%n",
                delta.scaled(100).format(1), outcome.runs().size(), outcome.runs().size() == 1 ? "" : "s",
                settings.testQuestions(), PAPER));
        json.put("verdict", verdict.name());
        json.set("delta", Experiments.interval(delta));
        json.put("paper", PAPER);
        md.append("| difference (points) | pooled | ");
        outcome.runs().forEach(r -> md.append("seed ").append(r.seed()).append(" | "));
        md.append("\n|---|---|").append("---|".repeat(outcome.runs().size())).append('\n');
        differenceRow("OREO − RS-SFT", OreoExperiment.OREO, OreoExperiment.RS_SFT, delta);
        differenceRow("OREO − warm start", OreoExperiment.OREO, OreoExperiment.WARM_START, overWarm);
        differenceRow("RS-SFT − warm start", OreoExperiment.RS_SFT, OreoExperiment.WARM_START,
                difference(OreoExperiment.RS_SFT, OreoExperiment.WARM_START));
        differenceRow("OREO with search − OREO greedy", OreoExperiment.OREO_SEARCH, OreoExperiment.OREO, search);
        md.append('\n');
        accuracyTable();
        answerTable();
        offlineTable();
        boolean sound = pipeline();
        reproducibility();
        Experiments.settingsSection(md, json, settingsMap(), outcome.elapsed());
        List<Path> charts = charts(dir);
        Experiments.Written files = Experiments.write(dir, md, json);
        return new Summary(delta, verdict, search, sound, files.markdown(), files.json(), charts);
    }

    /** The verdict on OREO over RS-SFT, in words. */
    static String sentence(Verdict verdict) {
        return switch (verdict) {
            case REPRODUCED -> "reproduced: OREO answers more held-out questions than RS-SFT trained on the same "
                    + "window, and the 95% interval of the difference is above 0";
            case REVERSED -> "reversed: OREO answers fewer held-out questions than RS-SFT trained on the same "
                    + "window, and the 95% interval of the difference is below 0";
            case INCONCLUSIVE -> "inconclusive: the 95% interval of OREO − RS-SFT includes 0, so the data cannot "
                    + "tell which trains the better policy from this log";
        };
    }

    // ---- the numbers

    private Interval difference(String arm, String baseline) {
        return pooled(run -> paired(run, arm, baseline));
    }

    private static double[] paired(SeedRun run, String arm, String baseline) {
        double[] a = solved(run, arm);
        double[] b = solved(run, baseline);
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private void differenceRow(String name, String arm, String baseline, Interval pooled) {
        ObjectNode all = json.has("differences") ? (ObjectNode) json.get("differences") : json.putObject("differences");
        ObjectNode node = all.putObject(name);
        node.set("pooled", Experiments.interval(pooled));
        ObjectNode perSeed = node.putObject("perSeed");
        md.append("| ").append(name).append(" | ").append(pooled.scaled(100).format(1)).append(" | ");
        for (SeedRun run : outcome.runs()) {
            Interval i = Bootstrap.overQuestions(paired(run, arm, baseline), settings.resamples(), bootstrapSeed);
            perSeed.set(Long.toString(run.seed()), Experiments.interval(i));
            md.append(i.scaled(100).format(1)).append(" | ");
        }
        md.append('\n');
    }

    private void accuracyTable() {
        md.append("## Greedy accuracy on held-out questions\n\n");
        md.append("One single-attempt episode per question; the warm start, RS-SFT and OREO decode greedily, OREO ")
                .append("with search expands K = 3 beams K times per step (a step ends at a newline) by sampling at ")
                .append("temperature 1, keeps the K candidates its value head rates highest, for at most 20 steps, ")
                .append("and answers with the best finished one: about 9 times the samples of one greedy answer. ")
                .append("Percent, 95% interval.\n\n");
        md.append("| policy | pooled | ");
        outcome.runs().forEach(r -> md.append("seed ").append(r.seed()).append(" | "));
        md.append("\n|---|---|").append("---|".repeat(outcome.runs().size())).append('\n');
        ObjectNode node = json.putObject("greedyAccuracy");
        for (String arm : OreoExperiment.ARMS) {
            Interval pooled = pooled(run -> solved(run, arm));
            ObjectNode armNode = node.putObject(arm);
            armNode.set("pooled", Experiments.interval(pooled));
            ObjectNode perSeed = armNode.putObject("perSeed");
            md.append("| ").append(arm).append(" | ").append(pooled.scaled(100).format(1)).append(" | ");
            for (SeedRun run : outcome.runs()) {
                Interval i = Bootstrap.overQuestions(solved(run, arm), settings.resamples(), bootstrapSeed);
                perSeed.set(Long.toString(run.seed()), Experiments.interval(i));
                md.append(i.scaled(100).format(1)).append(" | ");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void answerTable() {
        md.append("## How the answers ended\n\n");
        md.append("Held-out answers pooled over seeds: correct, and why generation stopped.\n\n");
        md.append("| policy | answers | correct | boxed | end of turn | token limit | other |\n")
                .append("|---|---|---|---|---|---|---|\n");
        ObjectNode node = json.putObject("answers");
        for (String arm : OreoExperiment.ARMS) {
            int made = 0;
            int correct = 0;
            Map<FinishReason, Integer> finishes = new LinkedHashMap<>();
            for (SeedRun run : outcome.runs()) {
                EvalEpisodes.AttemptProfile p = episodes(run, arm).attemptProfiles(1).get(0);
                made += p.made();
                correct += p.correct();
                p.finishes().forEach((r, n) -> finishes.merge(r, n, Integer::sum));
            }
            int boxed = finishes.getOrDefault(FinishReason.BOXED, 0);
            int end = finishes.getOrDefault(FinishReason.END_OF_TURN, 0);
            int limit = finishes.getOrDefault(FinishReason.MAX_TOKENS, 0);
            ObjectNode row = node.putObject(arm).put("answers", made).put("correct", correct);
            ObjectNode f = row.putObject("finishReasons");
            for (FinishReason r : FinishReason.values()) {
                f.put(r.name(), finishes.getOrDefault(r, 0));
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |%n", arm, made,
                    Experiments.share(correct, made), Experiments.share(boxed, made), Experiments.share(end, made), Experiments.share(limit, made),
                    Experiments.share(made - boxed - end - limit, made)));
        }
        md.append('\n');
    }

    private void offlineTable() {
        md.append("## The log and the offline training\n\n");
        md.append("Per seed, the warm start answered ").append(settings.logQuestions()).append(" training questions ")
                .append("it never saw, ").append(settings.logSamples()).append(" times each at temperature 1; RS-SFT ")
                .append("trained on the solved answers, OREO on all of them (R = 1 if solved, else 0), each for ")
                .append(settings.offlineEpochs()).append(" epochs from the warm start.\n\n");
        md.append("| seed | logged | solved | RS-SFT trained | RS-SFT loss | OREO trained | OREO value loss | "
                + "OREO policy loss | OREO KL |\n|---|---|---|---|---|---|---|---|---|\n");
        ArrayNode rows = json.putArray("offline");
        for (SeedRun run : outcome.runs()) {
            OfflineRun.Result r = run.rsSft();
            OfflineRun.Result o = run.oreo();
            ObjectNode row = rows.addObject().put("seed", run.seed())
                    .put("windowFrom", run.log().window().from().toString())
                    .put("windowTo", run.log().window().to().toString())
                    .put("logged", run.log().episodes()).put("closed", run.log().closed())
                    .put("solved", run.log().solved());
            row.putObject("rsSft").put("read", r.read()).put("trained", r.trained()).put("steps", r.steps())
                    .set("losses", new ObjectMapper().valueToTree(r.losses()));
            row.putObject("oreo").put("read", o.read()).put("trained", o.trained()).put("steps", o.steps())
                    .set("losses", new ObjectMapper().valueToTree(o.losses()));
            md.append(String.format(Locale.ROOT, "| %d | %d | %s | %d | %s | %d | %s | %s | %s |%n", run.seed(),
                    run.log().closed(), Experiments.share(run.log().solved(), run.log().closed()), r.trained(),
                    firstToLast(r.losses(), "rs-sft/loss-first-epoch", "rs-sft/loss"), o.trained(),
                    firstToLast(o.losses(), "oreo/value-loss-first-epoch", "oreo/value-loss"),
                    firstToLast(o.losses(), "oreo/policy-loss-first-epoch", "oreo/policy-loss"),
                    String.format(Locale.ROOT, "%.4f", o.losses().getOrDefault("oreo/kl", Double.NaN))));
        }
        md.append('\n');
    }

    private boolean pipeline() {
        md.append("## Pipeline\n\n");
        var c = outcome.counts();
        int evalTimeouts = 0;
        boolean windowsNamed = true;
        boolean readAll = true;
        for (SeedRun run : outcome.runs()) {
            for (var e : run.evals().values()) {
                evalTimeouts += Experiments.timeouts(e);
            }
            for (OfflineRun.Result r : List.of(run.rsSft(), run.oreo())) {
                windowsNamed &= names(r.published(), run.log());
                readAll &= r.read() == run.log().closed() && run.log().closed() == run.log().episodes();
            }
        }
        boolean sound = c.invariantsHold() && outcome.audit().passed() && evalTimeouts == 0 && windowsNamed
                && readAll && c.deadLetters() == 0;
        md.append(Experiments.countsSentence(c, outcome.audit()));
        md.append("Evaluation episodes that timed out (counted as unsolved above): ").append(evalTimeouts)
                .append(".\n\n");
        md.append("Every offline learner read exactly the episodes logged in its seed's window: ")
                .append(readAll ? "yes" : "NO").append("; every published version names that window and count: ")
                .append(windowsNamed ? "yes" : "NO").append(".\n\n");
        Experiments.pipelineJson(json, c, outcome.audit()).put("evalTimeouts", evalTimeouts)
                .put("readExactlyTheLog", readAll).put("versionsNameTheirWindow", windowsNamed).put("sound", sound);
        return sound;
    }

    /** Whether the version's metrics name the log's window and the count read from it. */
    private static boolean names(PolicyVersion version, TrajectoryLog.Result log) {
        Map<String, Double> m = new LinkedHashMap<>();
        version.getMetrics().forEach((k, v) -> m.put(k.toString(), v));
        return Double.valueOf(log.window().from().toEpochMilli()).equals(m.get(OfflineRun.WINDOW_FROM))
                && Double.valueOf(log.window().to().toEpochMilli()).equals(m.get(OfflineRun.WINDOW_TO))
                && Double.valueOf(log.closed()).equals(m.get(OfflineRun.TRAJECTORIES));
    }

    private void reproducibility() {
        md.append("## Reproducibility\n\n");
        md.append("| seed | warm-start weights (sha256) | RS-SFT weights | OREO weights | wall time |\n")
                .append("|---|---|---|---|---|\n");
        ArrayNode rows = json.putArray("seeds");
        for (SeedRun run : outcome.runs()) {
            String warm = run.warmStart().published().getSha256();
            String rs = run.rsSft().published().getSha256();
            String oreo = run.oreo().published().getSha256();
            rows.addObject().put("seed", run.seed()).put("runId", run.runId()).put("warmStartSha256", warm)
                    .put("rsSftSha256", rs).put("oreoSha256", oreo).put("seconds", run.elapsed().toMillis() / 1000.0);
            md.append(String.format(Locale.ROOT, "| %d | `%s` | `%s` | `%s` | %.0f s |%n", run.seed(),
                    warm.substring(0, 16), rs.substring(0, 16), oreo.substring(0, 16),
                    run.elapsed().toMillis() / 1000.0));
        }
        md.append("\nThe warm start is the same bit for bit for a seed. The log is sampled by the actor in batches ")
                .append("whose make-up depends on timing, so the logged answers, and what is trained on them, can ")
                .append("differ between two runs of a seed.\n\n");
    }

    private Map<String, Object> settingsMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seeds", settings.seeds());
        m.put("preset", settings.preset().id());
        m.put("task", "synthetic arithmetic, difficulty " + settings.difficulty().name().toLowerCase(Locale.ROOT)
                + ", single attempt");
        m.put("warm-start questions", settings.sftQuestions());
        m.put("warm-start epochs", settings.sftEpochs());
        m.put("logged questions (disjoint from the warm start's)", settings.logQuestions());
        m.put("logged answers per question (temperature 1)", settings.logSamples());
        m.put("held-out questions", settings.testQuestions());
        m.put("offline epochs (RS-SFT and OREO)", settings.offlineEpochs());
        m.put("learning rate (RS-SFT and OREO)", settings.learningRate());
        m.put("OREO", "beta 0.03, value loss weight 1, KL to the warm start 0.01 (k3), squared residuals averaged "
                + "per sequence");
        m.put("value-guided search", "K = 3 beams, K samples per beam at temperature 1, at most 20 steps");
        m.put("max new tokens per answer", settings.maxNewTokens());
        m.put("bootstrap resamples", settings.resamples());
        return m;
    }

    private List<Path> charts(Path dir) {
        List<Path> out = new ArrayList<>();
        List<double[]> pooled = OreoExperiment.ARMS.stream().map(arm -> Experiments.percentRow(pooled(run -> solved(run, arm))))
                .toList();
        out.add(ExperimentCharts.intervalsPerArm(dir.resolve("accuracy.png"),
                "Greedy accuracy on held-out questions (pooled over seeds, 95% interval)", "accuracy (%)",
                OreoExperiment.ARMS, pooled));
        List<double[][]> bySeed = OreoExperiment.ARMS.stream().map(arm -> outcome.runs().stream()
                .map(run -> Experiments.percentRow(Bootstrap.overQuestions(solved(run, arm), settings.resamples(), bootstrapSeed)))
                .toArray(double[][]::new)).toList();
        out.add(ExperimentCharts.intervalsOver(dir.resolve("accuracy-by-seed.png"),
                "Greedy accuracy per seed (95% interval over questions)", "seed (in the order run: "
                        + settings.seeds() + ")", "accuracy (%)", OreoExperiment.ARMS, bySeed));
        ArrayNode files = json.putArray("charts");
        out.forEach(p -> files.add(p.getFileName().toString()));
        return out;
    }

    // ---- helpers

    private Interval pooled(Function<SeedRun, double[]> values) {
        return Bootstrap.overSeedsAndQuestions(outcome.runs().stream().map(values).toList(), settings.resamples(),
                bootstrapSeed);
    }

    private static EvalEpisodes episodes(SeedRun run, String arm) {
        return run.evals().get(arm).episodes();
    }

    private static double[] solved(SeedRun run, String arm) {
        return episodes(run, arm).solvedWithAttempts(1);
    }

    private static String firstToLast(Map<String, Double> losses, String first, String last) {
        return String.format(Locale.ROOT, "%.4f → %.4f", losses.getOrDefault(first, Double.NaN),
                losses.getOrDefault(last, Double.NaN));
    }

}
