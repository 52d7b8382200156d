package io.rollstream.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollstream.experiment.ReplayExperiment.ArmRun;
import io.rollstream.experiment.ReplayExperiment.Replay;
import io.rollstream.experiment.ReplayExperiment.Result;
import io.rollstream.experiment.ReplayExperiment.SeedRun;
import io.rollstream.eval.stats.Bootstrap;
import io.rollstream.eval.stats.Interval;
import io.rollstream.eval.stats.PassAtK;
import io.rollstream.eval.stats.Verdict;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.replay.CandidateRules;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The replay experiment's numbers, drawn from its episodes: greedy accuracy and pass@k at temperature 1 of the
 * warm start and both PPO arms on the held-out questions with 95% bootstrap intervals (over questions within a
 * seed, and over seeds and questions pooled), the paired difference PPO + replay − PPO (the headline, with its
 * verdict), what replay did (states captured, prompts sent, episodes replayed and solved, trajectories trained
 * on), and whether the pipeline held; written as report.md, report.json and PNG charts.
 */
public final class ReplayReport {

    /** The paper's effect, set beside ours (retrospective replay over PPO). */
    static final String PAPER = "RRL over PPO on GSM8K: 68.8 → 70.7";

    private final ReplaySettings settings;
    private final Result outcome;
    private final long bootstrapSeed;
    private final ObjectNode json = new ObjectMapper().createObjectNode();
    private final StringBuilder md = new StringBuilder();

    private ReplayReport(ReplaySettings settings, Result outcome) {
        this.settings = settings;
        this.outcome = outcome;
        this.bootstrapSeed = settings.seeds().get(0) * 104_729L + 37;
    }

    /**
     * What the report concluded, for the console and the exit code.
     *
     * @param delta         PPO + replay − PPO, greedy accuracy
     * @param verdict       its verdict
     * @param passAt1       PPO + replay − PPO, pass@1 at temperature 1
     * @param pipelineSound every invariant held
     */
    public record Summary(Interval delta, Verdict verdict, Interval passAt1, boolean pipelineSound, Path markdown,
                   Path json, List<Path> charts) {
    }

    public static Summary write(ReplaySettings settings, Result outcome) {
        return new ReplayReport(settings, outcome).write();
    }

    private Summary write() {
        Path dir = settings.runDir().toAbsolutePath();
        json.set("settings", new ObjectMapper().valueToTree(settingsMap()));
        md.append("# Retrospective replay: PPO with and without replay: report\n\n");
        Interval delta = pooled(run -> paired(greedy(run, ReplayExperiment.RRL), greedy(run, ReplayExperiment.PPO)));
        Interval passAt1 = pooled(run -> paired(passAt(run, ReplayExperiment.RRL, 1),
                passAt(run, ReplayExperiment.PPO, 1)));
        Verdict verdict = Verdict.of(delta);
        md.append("**Verdict:** ").append(sentence(verdict)).append(".\n\n");
        md.append(String.format(Locale.ROOT, "Δ = (PPO + replay) − PPO, greedy accuracy on held-out questions: **%s** "
                        + "points (95%% interval, %d seed%s × %d questions). The paper: %s.%n%n",
                delta.scaled(100).format(1), outcome.runs().size(), outcome.runs().size() == 1 ? "" : "s",
                settings.testQuestions(), PAPER));
        json.put("verdict", verdict.name());
        json.set("delta", Experiments.interval(delta));
        json.put("paper", PAPER);
        md.append("| difference (points) | pooled | ");
        outcome.runs().forEach(r -> md.append("seed ").append(r.seed()).append(" | "));
        md.append("\n|---|---|").append("---|".repeat(outcome.runs().size())).append('\n');
        differenceRow("(PPO + replay) − PPO, greedy", run -> paired(greedy(run, ReplayExperiment.RRL),
                greedy(run, ReplayExperiment.PPO)), delta);
        differenceRow("(PPO + replay) − PPO, pass@1 at temperature 1", run -> paired(
                passAt(run, ReplayExperiment.RRL, 1), passAt(run, ReplayExperiment.PPO, 1)), passAt1);
        int k = settings.samples();
        differenceRow("(PPO + replay) − PPO, pass@" + k + " at temperature 1", run -> paired(
                passAt(run, ReplayExperiment.RRL, k), passAt(run, ReplayExperiment.PPO, k)), null);
        differenceRow("PPO − warm start, greedy", run -> paired(greedy(run, ReplayExperiment.PPO),
                greedy(run, ReplayExperiment.WARM_START)), null);
        differenceRow("(PPO + replay) − warm start, greedy", run -> paired(greedy(run, ReplayExperiment.RRL),
                greedy(run, ReplayExperiment.WARM_START)), null);
        md.append('\n');
        accuracyTables();
        replayTable();
        boolean sound = pipeline();
        reproducibility();
        Experiments.settingsSection(md, json, settingsMap(), outcome.elapsed());
        List<Path> charts = charts(dir);
        Experiments.Written files = Experiments.write(dir, md, json);
        return new Summary(delta, verdict, passAt1, sound, files.markdown(), files.json(), charts);
    }

    /** The verdict on replay over PPO, in words. */
    static String sentence(Verdict verdict) {
        return switch (verdict) {
            case REPRODUCED -> "reproduced: PPO with retrospective replay answers more held-out questions than PPO "
                    + "without it, and the 95% interval of the difference is above 0";
            case REVERSED -> "reversed: PPO with retrospective replay answers fewer held-out questions than PPO "
                    + "without it, and the 95% interval of the difference is below 0";
            case INCONCLUSIVE -> "inconclusive: the 95% interval of (PPO + replay) − PPO includes 0, so the data "
                    + "cannot tell whether replay helps";
        };
    }

    // ---- the sections

    private void differenceRow(String name, Function<SeedRun, double[]> values, Interval pooledOrNull) {
        Interval pooled = pooledOrNull != null ? pooledOrNull : pooled(values);
        ObjectNode all = json.has("differences") ? (ObjectNode) json.get("differences") : json.putObject("differences");
        ObjectNode node = all.putObject(name);
        node.set("pooled", Experiments.interval(pooled));
        ObjectNode perSeed = node.putObject("perSeed");
        md.append("| ").append(name).append(" | ").append(pooled.scaled(100).format(1)).append(" | ");
        for (SeedRun run : outcome.runs()) {
            Interval i = Bootstrap.overQuestions(values.apply(run), settings.resamples(), bootstrapSeed);
            perSeed.set(Long.toString(run.seed()), Experiments.interval(i));
            md.append(i.scaled(100).format(1)).append(" | ");
        }
        md.append('\n');
    }

    private void accuracyTables() {
        int k = settings.samples();
        md.append("## Accuracy on held-out questions\n\n");
        md.append("One single-attempt episode per question, greedy; and ").append(k).append(" at temperature 1, ")
                .append("from which pass@k is the unbiased estimate over the samples. Percent, 95% interval pooled ")
                .append("over seeds and questions.\n\n");
        md.append("| policy | greedy |");
        for (int kk = 1; kk <= k; kk++) {
            md.append(" pass@").append(kk).append(" |");
        }
        md.append("\n|---|---|").append("---|".repeat(k)).append('\n');
        ObjectNode greedyNode = json.putObject("greedyAccuracy");
        ObjectNode passNode = json.putObject("passAtK");
        for (String arm : ReplayExperiment.ARMS) {
            Interval g = pooled(run -> greedy(run, arm));
            ObjectNode armNode = greedyNode.putObject(arm);
            armNode.set("pooled", Experiments.interval(g));
            ObjectNode perSeed = armNode.putObject("perSeed");
            for (SeedRun run : outcome.runs()) {
                perSeed.set(Long.toString(run.seed()), Experiments.interval(
                        Bootstrap.overQuestions(greedy(run, arm), settings.resamples(), bootstrapSeed)));
            }
            md.append("| ").append(arm).append(" | ").append(g.scaled(100).format(1)).append(" |");
            ArrayNode passes = passNode.putArray(arm);
            for (int kk = 1; kk <= k; kk++) {
                int at = kk;
                Interval p = pooled(run -> passAt(run, arm, at));
                passes.add(Experiments.interval(p));
                md.append(' ').append(p.scaled(100).format(1)).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static String topShare(CandidateRules rules) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * rules.topFraction());
    }

    private void replayTable() {
        md.append("## What replay did\n\n");
        CandidateRules rules = LearnerConfig.ppo().candidateRules();
        md.append("Per trained arm, from its learner's running totals and its trajectories on the topic: the step ")
                .append("boundaries of failed answers its critic valued (none during the critic warm-up), the mean ")
                .append("bar a state had to reach (critic value ").append(rules.valueThreshold())
                .append(", or the value of the batch's top ").append(topShare(rules))
                .append(" when lower), states the buffer took in (at most ").append(rules.maxPerEpisode())
                .append(" per answer), replay prompts sent, replay episodes closed and how many were solved from ")
                .append("the replayed state, replay trajectories trained on, and the fresh training episodes' solve ")
                .append("rate beside it.\n\n");
        md.append("| seed | arm | states offered | mean bar | states captured | replay prompts | replay episodes "
                + "closed | solved from a replayed state | replay trajectories trained on | fresh episodes solved | "
                + "episodes trained on |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        ArrayNode rows = json.putArray("replay");
        for (SeedRun run : outcome.runs()) {
            for (ArmRun arm : run.arms()) {
                if (arm.training() == null) {
                    continue;
                }
                Replay r = outcome.replay().get(arm.policyName());
                rows.addObject().put("seed", run.seed()).put("arm", arm.arm()).put("policyName", r.policyName())
                        .put("offered", r.offered()).put("threshold", r.threshold())
                        .put("captured", r.captured()).put("published", r.published()).put("closed", r.closed())
                        .put("solved", r.solved()).put("trained", r.trained()).put("freshClosed", r.freshClosed())
                        .put("freshSolved", r.freshSolved()).put("episodes", r.episodes())
                        .put("foreign", r.foreign()).put("updates", arm.training().updates())
                        .put("undrained", arm.training().undrained());
                md.append(String.format(Locale.ROOT, "| %d | %s | %d | %s | %d | %d | %d | %d (%s) | %d | %d of %d (%s) "
                                + "| %d |%n", run.seed(), arm.arm(), r.offered(),
                        Double.isNaN(r.threshold()) ? "–" : String.format(Locale.ROOT, "%.3f", r.threshold()),
                        r.captured(), r.published(), r.closed(), r.solved(),
                        Experiments.share(r.solved(), r.closed()), r.trained(), r.freshSolved(), r.freshClosed(),
                        Experiments.share(r.freshSolved(), r.freshClosed()), r.episodes()));
            }
        }
        md.append('\n');
    }

    private boolean pipeline() {
        md.append("## Pipeline\n\n");
        var c = outcome.counts();
        int evalTimeouts = 0;
        boolean separated = true;
        boolean noReplayInPpo = true;
        boolean replaysAnswered = true;
        boolean allUpdates = true;
        for (SeedRun run : outcome.runs()) {
            for (ArmRun arm : run.arms()) {
                evalTimeouts += Experiments.timeouts(arm.greedy()) + Experiments.timeouts(arm.sampled());
                if (arm.training() == null) {
                    continue;
                }
                Replay r = outcome.replay().get(arm.policyName());
                separated &= r.foreign() == 0 && r.episodes() > 0;
                allUpdates &= arm.training().updates() == settings.criticWarmup() + settings.updates()
                        && arm.training().undrained() == 0;
                if (arm.arm().equals(ReplayExperiment.PPO)) {
                    noReplayInPpo &= r.published() == 0 && r.closed() == 0 && r.trained() == 0;
                } else {
                    replaysAnswered &= r.closed() == r.published() && r.trained() <= r.closed();
                }
            }
        }
        boolean sound = c.invariantsHold() && outcome.audit().passed() && evalTimeouts == 0 && c.deadLetters() == 0
                && separated && noReplayInPpo && replaysAnswered && allUpdates;
        md.append(Experiments.countsSentence(c, outcome.audit()));
        md.append("Evaluation episodes that timed out (counted as unsolved above): ").append(evalTimeouts)
                .append(". Every arm trained only on its own policy's episodes: ").append(separated ? "yes" : "NO")
                .append("; the PPO arm sent and trained on no replay: ").append(noReplayInPpo ? "yes" : "NO")
                .append("; every replay prompt was answered and closed, and no more were trained on: ")
                .append(replaysAnswered ? "yes" : "NO").append("; both arms made every update and drained: ")
                .append(allUpdates ? "yes" : "NO").append(".\n\n");
        Experiments.pipelineJson(json, c, outcome.audit()).put("evalTimeouts", evalTimeouts)
                .put("armsSeparated", separated).put("noReplayInPpo", noReplayInPpo)
                .put("replaysAnswered", replaysAnswered).put("allUpdatesMade", allUpdates).put("sound", sound);
        return sound;
    }

    private void reproducibility() {
        md.append("## Reproducibility\n\n");
        md.append("| seed | warm-start weights (sha256) | PPO weights | PPO + replay weights | wall time |\n")
                .append("|---|---|---|---|---|\n");
        ArrayNode rows = json.putArray("seeds");
        for (SeedRun run : outcome.runs()) {
            String warm = run.warmStart().published().getSha256();
            String ppo = last(run.arm(ReplayExperiment.PPO));
            String rrl = last(run.arm(ReplayExperiment.RRL));
            rows.addObject().put("seed", run.seed()).put("runId", run.runId()).put("warmStartSha256", warm)
                    .put("ppoSha256", ppo).put("replaySha256", rrl).put("seconds", run.elapsed().toMillis() / 1000.0);
            md.append(String.format(Locale.ROOT, "| %d | `%s` | `%s` | `%s` | %.0f s |%n", run.seed(),
                    abbreviate(warm), abbreviate(ppo), abbreviate(rrl), run.elapsed().toMillis() / 1000.0));
        }
        md.append("\nThe warm start is the same bit for bit for a seed. Rollouts are sampled by the actor in batches ")
                .append("whose make-up depends on timing, so the trained arms can differ between two runs of a ")
                .append("seed.\n\n");
    }

    private Map<String, Object> settingsMap() {
        LearnerConfig p = LearnerConfig.ppo();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seeds", settings.seeds());
        m.put("preset", settings.preset().id());
        m.put("task", "synthetic arithmetic, difficulty " + settings.difficulty().name().toLowerCase(Locale.ROOT)
                + ", single attempt");
        m.put("warm-start questions", settings.sftQuestions());
        m.put("warm-start epochs", settings.sftEpochs());
        m.put("RL questions (disjoint from the warm start's)", settings.rlQuestions());
        m.put("critic warm-up updates per arm", settings.criticWarmup());
        m.put("PPO updates per arm", settings.updates());
        m.put("trajectories per update", settings.batchEpisodes());
        m.put("learning rate (both arms)", settings.learningRate());
        m.put("replay", String.format(Locale.ROOT, "%.3f prompts per trained trajectory, states at a critic value "
                        + ">= %s or in the batch's top %s (at most %d per answer), buffer of %d, each state replayed "
                        + "at most %d times",
                settings.replayRatio(), p.candidateRules().valueThreshold(),
                topShare(p.candidateRules()), p.candidateRules().maxPerEpisode(),
                p.replayBuffer().capacity(), p.replayBuffer().maxVisits()));
        m.put("PPO", String.format(Locale.ROOT, "gamma %s, lambda %s, clip %s, value clip %s, KL %s (k3, in the "
                        + "loss), rollout temperature %s, rewards +1 / -0.5 / -1", p.gamma(), p.lambda(), p.clipLow(),
                p.valueClip(), p.klCoefficient(), p.temperature()));
        m.put("held-out questions", settings.testQuestions());
        m.put("temperature-1 samples per held-out question", settings.samples());
        m.put("max new tokens per answer", settings.maxNewTokens());
        m.put("bootstrap resamples", settings.resamples());
        return m;
    }

    private List<Path> charts(Path dir) {
        List<Path> out = new ArrayList<>();
        List<double[]> greedy = ReplayExperiment.ARMS.stream().map(arm -> Experiments.percentRow(pooled(run -> greedy(run, arm))))
                .toList();
        out.add(ExperimentCharts.intervalsPerArm(dir.resolve("accuracy.png"),
                "Greedy accuracy on held-out questions (pooled over seeds, 95% interval)", "accuracy (%)",
                ReplayExperiment.ARMS, greedy));
        List<double[][]> pass = ReplayExperiment.ARMS.stream().map(arm -> {
            double[][] rows = new double[settings.samples()][];
            for (int kk = 1; kk <= settings.samples(); kk++) {
                int at = kk;
                rows[kk - 1] = Experiments.percentRow(pooled(run -> passAt(run, arm, at)));
            }
            return rows;
        }).toList();
        out.add(ExperimentCharts.intervalsOver(dir.resolve("pass-at-k.png"),
                "pass@k at temperature 1 (pooled over seeds, 95% interval)", "samples k", "pass@k (%)",
                ReplayExperiment.ARMS, pass));
        ArrayNode files = json.putArray("charts");
        out.forEach(f -> files.add(f.getFileName().toString()));
        return out;
    }

    // ---- helpers

    private static double[] greedy(SeedRun run, String arm) {
        return run.arm(arm).greedy().episodes().solvedWithAttempts(1);
    }

    private double[] passAt(SeedRun run, String arm, int k) {
        int[] correct = run.arm(arm).sampled().episodes().correctSingleAttempts();
        double[] out = new double[correct.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = PassAtK.unbiased(settings.samples(), correct[i], k);
        }
        return out;
    }

    private static double[] paired(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private Interval pooled(Function<SeedRun, double[]> values) {
        return Bootstrap.overSeedsAndQuestions(outcome.runs().stream().map(values).toList(), settings.resamples(),
                bootstrapSeed);
    }

    private static String last(ArmRun arm) {
        var published = arm.training().published();
        return published.isEmpty() ? "–" : published.get(published.size() - 1).getSha256();
    }

    private static String abbreviate(String sha) {
        return sha.length() > 16 ? sha.substring(0, 16) : sha;
    }

}
