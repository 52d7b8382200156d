package io.rollstream.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollstream.audit.AuditReport;
import io.rollstream.experiment.demo.EvalPhase;
import io.rollstream.experiment.demo.PipelineCounts;
import io.rollstream.eval.stats.Interval;
import io.rollstream.learner.service.LearnerService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;

/** What every experiment shares: checks of its settings, its report files, intervals in JSON, shares in words. */
final class Experiments {

    /**
     * The files written.
     *
     * @param markdown report.md
     * @param json     report.json
     */
    record Written(Path markdown, Path json) {
    }

    private Experiments() {
    }

    /** Writes report.md and report.json (indented) into {@code dir}. */
    static Written write(Path dir, CharSequence markdown, ObjectNode json) {
        Path mdFile = dir.resolve("report.md");
        Path jsonFile = dir.resolve("report.json");
        try {
            Files.writeString(mdFile, markdown);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir, e);
        }
        return new Written(mdFile, jsonFile);
    }

    /** The distinct episodes a learner trained on, from the updates log in its directory (none if it has none). */
    static Set<String> trainedEpisodes(Path learnerDir) {
        Path log = learnerDir.resolve(LearnerService.UPDATES_LOG);
        Set<String> trained = new HashSet<>();
        if (!Files.exists(log)) {
            return trained;
        }
        ObjectMapper json = new ObjectMapper();
        try {
            for (String line : Files.readAllLines(log)) {
                if (!line.isBlank()) {
                    for (JsonNode id : json.readTree(line).get("episodes")) {
                        trained.add(id.asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
        return trained;
    }

    /** The report's settings section, ending with the wall time (also put into the JSON). */
    static void settingsSection(StringBuilder md, ObjectNode json, Map<String, Object> settings, Duration elapsed) {
        md.append("## Settings\n\n");
        settings.forEach((key, value) -> md.append("- ").append(key).append(": ").append(value).append('\n'));
        md.append(String.format(Locale.ROOT, "%nWall time: %.1f minutes.%n", elapsed.toMillis() / 60_000.0));
        json.put("wallSeconds", elapsed.toMillis() / 1000.0);
    }

    /** The topics' counts and the audit of the run's window, as the pipeline section's sentence. */
    static String countsSentence(PipelineCounts c, AuditReport audit) {
        return String.format(Locale.ROOT, "%d attempts graded (%d graded twice), %d trajectories (%d episodes "
                        + "closed twice, %d still open), %d dead letters; audit of the run's window: %s.%n%n",
                c.graded(), c.duplicateGrades(), c.trajectories(), c.duplicateTrajectories(),
                c.gradedWithoutTrajectory(), c.deadLetters(), audit.passed() ? "passed" : "FAILED");
    }

    /** The report's "pipeline" object with the counts and the audit; the experiment adds its own checks to it. */
    static ObjectNode pipelineJson(ObjectNode json, PipelineCounts c, AuditReport audit) {
        return json.putObject("pipeline").put("graded", c.graded()).put("duplicateGrades", c.duplicateGrades())
                .put("trajectories", c.trajectories()).put("duplicateTrajectories", c.duplicateTrajectories())
                .put("open", c.gradedWithoutTrajectory()).put("deadLetters", c.deadLetters())
                .put("auditPassed", audit.passed());
    }

    /** Evaluation episodes that timed out before their first attempt (counted as unsolved). */
    static int timeouts(EvalPhase.Episodes e) {
        return e.episodes().accuracy().stream().mapToInt(a -> a.timedOut()).sum();
    }

    /** {mean, low, high} in percent, one row of a chart. */
    static double[] percentRow(Interval i) {
        Interval p = i.scaled(100);
        return new double[] {p.mean(), p.low(), p.high()};
    }

    /** {mean, low, high} as a JSON object. */
    static ObjectNode interval(Interval i) {
        return new ObjectMapper().createObjectNode().put("mean", i.mean()).put("low", i.low()).put("high", i.high());
    }

    /** part / whole as a percentage with one decimal, or a dash when whole is 0. */
    static String share(int part, int whole) {
        return whole == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    /** A setting below its least value is refused, named as its option. */
    static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": must be >= " + min + ", got " + value);
        }
    }

    /** Seeds must be given and distinct; an external cluster needs both its addresses. */
    static void requireSeedsAndCluster(List<Long> seeds, String bootstrapServers, String schemaRegistryUrl) {
        if (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException("seeds: give one or more distinct seeds, got " + seeds);
        }
        if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
            throw new IllegalArgumentException(
                    "bootstrap-servers and schema-registry-url: give both to use an external cluster, or neither");
        }
    }
}
