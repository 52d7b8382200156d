package io.rollstream.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.cli.RollstreamCommand;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code rollstream experiment multi-attempt --quick} (with its first seed repeated) on an embedded broker
 * and checks the report's structure, that the two arms never trained on each other's episodes, the pipeline
 * invariants and that the report states whether the rerun made the same warm start. It never checks the effect.
 */
class MultiAttemptExperimentIT {

    private static final List<String> ARMS = List.of("warm start", "multi-attempt", "single-turn");
    private static final int K = 5;

    @TempDir
    Path runDir;

    @Test
    void shouldReportEveryTableWithIntervalsFromArmsTrainedApartOnASoundPipeline() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = RollstreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        // Smaller than --quick: the structure and the repeat are under test here, not the learning.
        int exit = cli.execute("experiment", "multi-attempt", "--quick", "--repeat-first-seed",
                "--questions", "10", "--sft-questions", "150", "--rl-questions", "100", "--updates", "2",
                "--critic-warmup", "1", "--run-dir", runDir.toString());
        String printed = out.toString();
        System.out.println(printed);
        assertEquals(0, exit, printed);

        JsonNode report = new ObjectMapper().readTree(runDir.resolve("report.json").toFile());
        assertTrue(Set.of("REPRODUCED", "REVERSED", "INCONCLUSIVE").contains(report.get("verdict").asText()));
        assertInterval(report.get("delta"), -1, 1);
        for (String table : List.of("greedyAccuracy", "refinement", "sampledAccuracy")) {
            for (String arm : ARMS) {
                JsonNode pooled = report.get(table).get(arm).get("pooled");
                assertEquals(K, pooled.size(), table + " of " + arm);
                pooled.forEach(i -> assertInterval(i, 0, 1));
            }
        }
        for (String arm : ARMS) {
            assertEquals(2, report.get("passAtK").get(arm).get("pooled").size(), "pass@k for k <= samples");
            // The N = K episodes are the refinement curve's: solved by attempt K is acc@K.
            assertEquals(report.get("greedyAccuracy").get(arm).get("pooled").get(K - 1).get("mean").asDouble(),
                    report.get("refinement").get(arm).get("pooled").get(K - 1).get("mean").asDouble(), 1e-12);
            JsonNode profile = report.get("attemptProfiles").get(arm);
            assertEquals(K, profile.size());
            for (JsonNode row : profile) {
                int finishes = 0;
                for (JsonNode n : row.get("finishReasons")) {
                    finishes += n.asInt();
                }
                assertEquals(row.get("made").asInt(), finishes, "every attempt has a finish reason");
                assertTrue(row.get("correct").asInt() <= row.get("made").asInt());
            }
        }
        for (String arm : List.of("multi-attempt", "single-turn")) {
            assertNotNull(report.get("trainingRise").get(arm), "training rise of " + arm);
        }

        JsonNode pipeline = report.get("pipeline");
        assertEquals(0, pipeline.get("duplicateGrades").asLong(), "an attempt was graded twice");
        assertEquals(0, pipeline.get("duplicateTrajectories").asLong(), "an episode closed twice");
        assertEquals(0, pipeline.get("open").asLong(), "an episode never closed");
        assertTrue(pipeline.get("auditPassed").asBoolean(), "audit");
        assertTrue(pipeline.get("armsSeparated").asBoolean(), "arms separated");
        assertEquals(0, pipeline.get("evalTimeouts").asInt(), "evaluation episodes timed out");
        assertEquals(4, report.get("separation").size(), "two arms, two runs of the seed");
        for (JsonNode s : report.get("separation")) {
            assertTrue(s.get("trained").asInt() > 0, s.toString());
            assertEquals(0, s.get("foreign").asInt(), s.toString());
        }
        assertArmsTrainedOnDisjointEpisodes();

        // The same seed gives the same warm start, bit for bit, even in a JVM that ran other models first.
        JsonNode warm = report.get("warmStarts");
        assertEquals(2, warm.size(), "both runs' warm starts are reported");
        assertEquals(warm.get(0).get("sha256").asText(), warm.get(1).get("sha256").asText(),
                "the rerun of the seed trained the same warm start");
        assertTrue(report.get("repeat").get("sameWarmStart").asBoolean(), "the report says the warm starts agree");

        String markdown = Files.readString(runDir.resolve("report.md"));
        String delta = String.format(Locale.ROOT, "%.1f", 100 * report.get("delta").get("mean").asDouble());
        assertTrue(markdown.contains("**Verdict:"), "report.md states the verdict");
        assertTrue(markdown.contains("**" + delta + " ["), "report.md and report.json agree on the delta " + delta);
        for (JsonNode chart : report.get("charts")) {
            BufferedImage image = ImageIO.read(runDir.resolve(chart.asText()).toFile());
            assertNotNull(image, "not a readable PNG: " + chart.asText());
        }
        assertTrue(printed.contains("report.md"), "the summary names the report");
    }

    /** Reads every arm learner's updates log: no episode was trained on by two learners. */
    private void assertArmsTrainedOnDisjointEpisodes() throws IOException {
        Set<String> seen = new HashSet<>();
        int logs = 0;
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path log : files.filter(f -> f.getFileName().toString().equals("updates.jsonl")).toList()) {
                logs++;
                for (String line : Files.readAllLines(log)) {
                    for (JsonNode id : new ObjectMapper().readTree(line).get("episodes")) {
                        assertTrue(seen.add(id.asText()), id.asText() + " trained by two learners (" + log + ")");
                    }
                }
            }
        }
        assertEquals(4, logs, "one updates log per arm and run");
    }

    private static void assertInterval(JsonNode i, double min, double max) {
        double low = i.get("low").asDouble();
        double mean = i.get("mean").asDouble();
        double high = i.get("high").asDouble();
        assertTrue(min <= low && low <= mean && mean <= high && high <= max, i.toString());
    }
}
