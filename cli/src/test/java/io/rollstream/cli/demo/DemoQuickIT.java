package io.rollstream.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.cli.RollstreamCommand;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code rollstream demo --quick} end to end on an embedded broker, as the README tells a new user to. */
class DemoQuickIT {

    /** The start of a line the logging backend writes: {@code 11:49:41.018 [main] WARN ...}. */
    private static final Pattern LOG_LINE = Pattern.compile("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} \\[[^\\]]*\\] (INFO|WARN|ERROR)");

    @TempDir
    Path runDir;

    @Test
    void shouldTrainEvaluateAndReportWithEveryAttemptGradedOnceAndEveryEpisodeClosedOnce() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = RollstreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedErr = System.err;
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = cli.execute("demo", "--quick", "--run-dir", runDir.toString());
        } finally {
            System.setErr(savedErr);
        }
        String printed = out.toString();
        String console = err.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        System.out.println(console);
        assertEquals(0, exit, printed);
        assertConsoleHoldsOnlyProgressAndSummaries(console);

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

    private void assertConsoleHoldsOnlyProgressAndSummaries(String console) throws Exception {
        List<String> lines = List.of(console.split("[\\r\\n]+"));
        List<String> logLines = lines.stream().filter(l -> LOG_LINE.matcher(l).find()).toList();
        assertEquals(List.of(), logLines, "log lines on the console");
        for (String phase : List.of("warm start: ", "PPO multi-attempt (N in 1..5): ", "PPO single-turn (N = 1): ",
                "eval SFT start: ", "eval multi-attempt PPO: ", "eval single-turn PPO: ")) {
            assertEquals(1, lines.stream().filter(l -> l.startsWith(phase)).count(), "one summary line: " + phase);
        }
        assertTrue(lines.stream().filter(l -> l.startsWith("warm start (")).map(l -> l.replaceAll(".*?(\\d+)%.*", "$1"))
                .distinct().count() > 2, "the warm-start bar moves");
        Path logs = runDir.resolve("logs");
        assertTrue(lines.contains("Logs: " + logs.toAbsolutePath() + " (--verbose shows them here too)"), console);
        assertTrue(Files.readString(logs.resolve("kafka.log")).contains("embedded Kafka started"));
        assertTrue(Files.readString(logs.resolve("actor.log")).contains("serving"));
    }
}
