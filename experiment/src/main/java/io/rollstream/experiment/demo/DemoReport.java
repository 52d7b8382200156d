package io.rollstream.experiment.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollstream.eval.AccuracyAtK;
import io.rollstream.audit.AuditReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a demo run's results.json and its PNG plots into the run directory. */
public final class DemoReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DemoReport() {
    }

    public static DemoResult write(DemoResult result, Path runDir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("reward", DemoCharts.lines(runDir.resolve("reward.png"), "Mean terminal reward per update",
                "reward", series(result, "reward/mean")).toString());
        for (RlPhase.Result phase : result.training()) {
            Map<String, List<double[]>> byAttempt = new LinkedHashMap<>();
            for (int k = 1; k <= result.settings().maxAttempts(); k++) {
                byAttempt.put("attempt " + k, points(phase.metrics(), "accuracy/attempt-" + k));
            }
            files.put("accuracy-" + phase.policyName(), DemoCharts.lines(
                    runDir.resolve("accuracy-per-attempt-" + phase.policyName() + ".png"),
                    "Training accuracy per attempt index: " + phase.policyName(), "accuracy", byAttempt).toString());
        }
        Map<String, List<Double>> table = new LinkedHashMap<>();
        for (EvalPhase.Result e : result.evaluations()) {
            table.put(e.label(), e.accuracy().stream().map(AccuracyAtK::accuracy).toList());
        }
        files.put("accuracy-at-k", DemoCharts.accuracyAtK(runDir.resolve("accuracy-at-k.png"), table).toString());
        Path json = runDir.resolve("results.json");
        files.put("results", json.toString());
        DemoResult withFiles = result.withArtifacts(files);
        JSON.writeValue(json.toFile(), toJson(withFiles));
        return withFiles;
    }

    private static Map<String, List<double[]>> series(DemoResult result, String metric) {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        result.training().forEach(p -> out.put(p.policyName(), points(p.metrics(), metric)));
        return out;
    }

    private static List<double[]> points(List<Map<String, Double>> metrics, String name) {
        List<double[]> out = new ArrayList<>();
        for (Map<String, Double> m : metrics) {
            Double value = m.get(name);
            if (value != null && !value.isNaN() && m.containsKey("update")) {
                out.add(new double[] {m.get("update"), value});
            }
        }
        return out;
    }

    static ObjectNode toJson(DemoResult r) {
        ObjectNode root = JSON.createObjectNode();
        DemoSettings s = r.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("preset", s.preset().id()).put("dataset", s.dataset().id()).put("difficulty", s.difficulty().name())
                .put("seed", s.seed()).put("trainQuestions", s.trainQuestions()).put("testQuestions", s.testQuestions())
                .put("sftEpochs", s.sftEpochs()).put("steps", s.steps()).put("batchEpisodes", s.batchEpisodes())
                .put("maxAttempts", s.maxAttempts()).put("maxNewTokens", s.maxNewTokens())
                .put("actorBatch", s.actorBatch()).put("runDir", s.runDir().toAbsolutePath().toString())
                .put("bootstrapServers", r.bootstrapServers()).put("schemaRegistryUrl", r.schemaRegistryUrl());
        ArrayNode table = root.putArray("table");
        for (EvalPhase.Result e : r.evaluations()) {
            ObjectNode row = table.addObject().put("policy", e.label()).put("policyName", e.policyName())
                    .put("version", e.version()).put("seconds", e.elapsed().toMillis() / 1000.0);
            ArrayNode cells = row.putArray("accuracyAtK");
            for (AccuracyAtK a : e.accuracy()) {
                cells.addObject().put("k", a.k()).put("accuracy", a.accuracy()).put("solved", a.solved())
                        .put("graded", a.graded()).put("episodes", a.episodes()).put("timedOut", a.timedOut())
                        .put("unscorable", a.unscorable()).put("otherVersion", a.otherVersion());
            }
        }
        SftPhase.Result w = r.warmStart();
        root.putObject("warmStart").put("examples", w.examples()).put("firstEpochLoss", w.firstEpochLoss())
                .put("lastEpochLoss", w.lastEpochLoss()).put("version", w.published().getVersion())
                .put("seconds", w.elapsed().toMillis() / 1000.0);
        ArrayNode training = root.putArray("training");
        for (RlPhase.Result p : r.training()) {
            ObjectNode phase = training.addObject().put("policy", p.policyName()).put("updates", p.updates())
                    .put("finalVersion", p.finalVersion()).put("episodesFed", p.episodesFed())
                    .put("episodesClosed", p.episodesClosed()).put("undrained", p.undrained())
                    .put("seconds", p.elapsed().toMillis() / 1000.0);
            ArrayNode metrics = phase.putArray("metrics");
            p.metrics().forEach(m -> {
                ObjectNode line = metrics.addObject();
                m.forEach((k, v) -> {
                    if (!v.isNaN() && !v.isInfinite()) {
                        line.put(k, v);
                    }
                });
            });
        }
        PipelineCounts c = r.pipeline();
        root.putObject("pipeline").put("graded", c.graded()).put("duplicateGrades", c.duplicateGrades())
                .put("trajectories", c.trajectories()).put("duplicateTrajectories", c.duplicateTrajectories())
                .put("openEpisodes", c.gradedWithoutTrajectory()).put("deadLetters", c.deadLetters())
                .put("invariantsHold", c.invariantsHold());
        AuditReport audit = r.audit();
        root.putObject("audit").put("passed", audit.passed()).put("episodes", audit.counts().episodes())
                .put("closed", audit.counts().closed()).put("open", audit.counts().open())
                .put("gradedAttempts", audit.counts().gradedAttempts()).put("trajectories", audit.counts().trajectories())
                .put("violations", audit.violations().size()).put("summary", audit.summary(5));
        root.put("seconds", r.elapsed().toMillis() / 1000.0);
        ObjectNode files = root.putObject("files");
        r.artifacts().forEach(files::put);
        return root;
    }
}
