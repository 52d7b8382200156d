package io.rollstream.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.cli.RollstreamCommand;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code rollstream demo --quick} end to end on an embedded broker, as the README tells a new user to. */
class DemoQuickIT {

    @TempDir
    Path runDir;

    @Test
    void shouldTrainEvaluateAndReportWithEveryAttemptGradedOnceAndEveryEpisodeClosedOnce() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = RollstreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("demo", "--quick", "--run-dir", runDir.toString());
        String printed = out.toString();
        System.out.println(printed);
        assertEquals(0, exit, printed);

        JsonNode results = new ObjectMapper().readTree(runDir.resolve("results.json").toFile());
        JsonNode pipeline = results.get("pipeline");
        assertEquals(0, pipeline.get("duplicateGrades").asLong(), "an attempt was graded twice");
        assertEquals(0, pipeline.get("duplicateTrajectories").asLong(), "an episode closed twice");
        assertEquals(0, pipeline.get("openEpisodes").asLong(), "an episode never closed");
        assertTrue(pipeline.get("graded").asLong() > 0 && pipeline.get("trajectories").asLong() > 0);
        assertTrue(pipeline.get("graded").asLong() >= pipeline.get("trajectories").asLong(),
                "every trajectory holds at least one graded attempt");

        JsonNode audit = results.get("audit");
        assertTrue(audit.get("passed").asBoolean(), audit.get("summary").asText());
        assertTrue(audit.get("episodes").asInt() > 0);
        assertEquals(audit.get("episodes").asInt(), audit.get("closed").asInt(), "every audited episode closed");

        JsonNode table = results.get("table");
        assertEquals(3, table.size(), "SFT start, multi-attempt and single-turn rows");
        for (JsonNode row : table) {
            List<String> cells = new ArrayList<>();
            for (JsonNode cell : row.get("accuracyAtK")) {
                cells.add(String.format(Locale.ROOT, "%6.1f%%", 100 * cell.get("accuracy").asDouble()));
                assertEquals(cell.get("episodes").asInt(), cell.get("graded").asInt() + cell.get("timedOut").asInt()
                        + cell.get("unscorable").asInt(), "every evaluation episode accounted for");
                assertEquals(0, cell.get("otherVersion").asInt(), "answered by the pinned version only");
            }
            assertEquals(5, cells.size());
            String line = printed.lines().filter(l -> l.startsWith(row.get("policy").asText() + " (v"))
                    .findFirst().orElseThrow(() -> new AssertionError("no table row for " + row.get("policy")));
            assertTrue(line.contains(String.join(" ", cells)), "printed row " + line + " vs results.json " + cells);
        }
        for (JsonNode file : results.get("files")) {
            if (file.asText().endsWith(".png")) {
                BufferedImage image = ImageIO.read(Path.of(file.asText()).toFile());
                assertNotNull(image, "not a readable PNG: " + file.asText());
                assertTrue(image.getWidth() > 100 && image.getHeight() > 100);
            }
        }
        assertTrue(printed.contains("results.json"), "the summary names results.json");
    }
}
