package io.rollstream.experiment.demo;

import io.rollstream.eval.AccuracyAtK;
import io.rollstream.audit.AuditReport;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything a demo run measured: the warm start, both RL phases, the evaluation table and the pipeline counts.
 *
 * @param settings          the run's settings
 * @param warmStart         the supervised warm start
 * @param training          the RL phases
 * @param evaluations       accuracy@1..K per evaluated policy
 * @param pipeline          records left on the topics and the invariants
 * @param audit             the audit of the run's whole window
 * @param bootstrapServers  the cluster used
 * @param schemaRegistryUrl the registry used
 * @param elapsed           wall-clock time of the whole run
 * @param artifacts         files written (name → path)
 */
public record DemoResult(DemoSettings settings, SftPhase.Result warmStart, List<RlPhase.Result> training,
                         List<EvalPhase.Result> evaluations, PipelineCounts pipeline, AuditReport audit,
                         String bootstrapServers,
                         String schemaRegistryUrl, Duration elapsed, Map<String, String> artifacts) {

    DemoResult withPipeline(PipelineCounts counts, AuditReport report, String bootstrap, String registryUrl,
                            Duration took) {
        return new DemoResult(settings, warmStart, training, evaluations, counts, report, bootstrap, registryUrl, took,
                artifacts);
    }

    DemoResult withArtifacts(Map<String, String> files) {
        return new DemoResult(settings, warmStart, training, evaluations, pipeline, audit, bootstrapServers,
                schemaRegistryUrl, elapsed, Map.copyOf(files));
    }

    /** Whether the topics prove every attempt graded once and every episode closed once. */
    public boolean pipelineSound() {
        return pipeline.invariantsHold() && audit.passed();
    }

    /** The paper's table: accuracy (%) with 1..K attempts, one row per policy, and the 1 → 2 gain. */
    public String table() {
        int k = settings.maxAttempts();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-24s", "policy (version)"));
        for (int i = 1; i <= k; i++) {
            out.append(String.format(Locale.ROOT, " %7s", "k=" + i));
        }
        out.append(k >= 2 ? "   1->2 gain\n" : "\n");
        for (EvalPhase.Result e : evaluations) {
            out.append(String.format(Locale.ROOT, "%-24s", e.label() + " (v" + e.version() + ")"));
            for (AccuracyAtK a : e.accuracy()) {
                out.append(String.format(Locale.ROOT, " %6.1f%%", 100 * a.accuracy()));
            }
            if (k >= 2) {
                double gain = 100 * (e.accuracy().get(1).accuracy() - e.accuracy().get(0).accuracy());
                out.append(String.format(Locale.ROOT, "   %+6.1f pts", gain));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
