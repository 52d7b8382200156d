package io.rollstream.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.cli.SecureRun;
import io.rollstream.infra.security.Role;
import io.rollstream.infra.security.SecurityCredentials;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code rollstream experiment one-shot --quick --secure} on the secure embedded broker, every component as its
 * own role's user, and checks the report's structure: the one example is a pool member with the largest variance,
 * every arm made its updates and was evaluated at every step, the 1-shot and entropy-only arms trained on their one
 * example alone and the full-set arm on many questions, each on its own policy's episodes, and the pipeline
 * invariants held. It never checks the effect.
 */
class OneShotExperimentIT {

    private static final List<String> ARMS = List.of("1-shot", "full set", "entropy only");
    private static final List<String> STEPS = List.of("0", "2", "4");

    @TempDir
    Path runDir;

    @TempDir
    Path secrets;

    @Test
    void shouldTrainEveryArmOnItsOwnDataAndEvaluateItAtEveryStep() throws Exception {
        SecurityCredentials credentials = SecurityCredentials.random();
        Path file = SecureRun.writeCredentials(credentials, EnumSet.allOf(Role.class), true,
                secrets.resolve("credentials.properties"));
        SecureRun run = SecureRun.of("experiment", "one-shot", "--quick", "--secure", "--credentials-file",
                file.toString(), "--run-dir", runDir.toString());
        String printed = run.out();
        if (run.exitCode() != 0) {
            SecureRun.printWarnings(runDir.resolve("logs"));
        }
        assertEquals(0, run.exitCode(), printed);
        run.assertSecuredWithoutPasswords(runDir, SecureRun.users(credentials));

        JsonNode report = new ObjectMapper().readTree(runDir.resolve("report.json").toFile());
        assertTrue(Set.of("REPRODUCED", "REVERSED", "INCONCLUSIVE").contains(report.get("verdict").asText()));
        assertInterval(report.get("delta"), -1, 1);
        JsonNode accuracy = report.get("testAccuracy");
        for (String arm : ARMS) {
            for (String step : STEPS) {
                assertInterval(accuracy.get(arm).get(step).get("pooled"), 0, 1);
            }
            assertEquals(4, report.get("trainingAccuracy").get(arm).get("1").size(), arm + ": one value per update");
        }
        // Update 0 is the warm start, the same for every arm.
        assertEquals(accuracy.get("1-shot").get("0").toString(), accuracy.get("full set").get("0").toString());
        // The headline is the paired difference of 1-shot at the last update and the warm start.
        double last = accuracy.get("1-shot").get("4").get("pooled").get("mean").asDouble();
        double warm = accuracy.get("1-shot").get("0").get("pooled").get("mean").asDouble();
        assertEquals(last - warm, report.get("delta").get("mean").asDouble(), 1e-9);

        JsonNode selection = report.get("selection").get(0);
        double chosen = selection.get("variance").asDouble();
        for (JsonNode c : selection.get("topCandidates")) {
            assertTrue(c.get("variance").asDouble() <= chosen, "the one example has the largest variance");
            assertTrue(c.get("history").size() >= 2, "every candidate was sampled on each of the 2 passes");
        }
        assertEquals(selection.get("questionId").asText(), selection.get("topCandidates").get(0).get("questionId")
                .asText());

        for (JsonNode t : report.get("trained")) {
            String arm = t.get("arm").asText();
            assertEquals(4, t.get("updates").asInt(), arm);
            assertEquals(0, t.get("foreign").asInt(), arm + " trained on another policy's episodes");
            assertTrue(t.get("episodes").asInt() >= 4 * 2 * 8 / 2, arm + " trained on too few episodes: " + t);
            if (arm.equals("full set")) {
                assertTrue(t.get("questions").asInt() > 1, "the full-set arm trains on many questions");
            } else {
                assertEquals(1, t.get("questions").asInt(), arm + " trains on one question");
                assertEquals(t.get("episodes").asInt(), t.get("example").asInt(), arm + " trains on the one example");
            }
        }

        JsonNode pipeline = report.get("pipeline");
        assertEquals(0, pipeline.get("duplicateGrades").asLong(), "an attempt was graded twice");
        assertEquals(0, pipeline.get("duplicateTrajectories").asLong(), "an episode closed twice");
        assertEquals(0, pipeline.get("open").asLong(), "an episode never closed");
        assertEquals(0, pipeline.get("deadLetters").asLong(), "dead letters");
        assertTrue(pipeline.get("auditPassed").asBoolean(), "audit");
        assertEquals(0, pipeline.get("evalTimeouts").asInt(), "evaluation episodes timed out");
        assertTrue(pipeline.get("sound").asBoolean(), pipeline.toString());

        String markdown = Files.readString(runDir.resolve("report.md"));
        String delta = String.format(Locale.ROOT, "%.1f", 100 * report.get("delta").get("mean").asDouble());
        assertTrue(markdown.contains("**Verdict:"), "report.md states the verdict");
        assertTrue(markdown.contains("**" + delta + " ["), "report.md and report.json agree on the delta " + delta);
        assertEquals(2, report.get("charts").size());
        for (JsonNode chart : report.get("charts")) {
            BufferedImage image = ImageIO.read(runDir.resolve(chart.asText()).toFile());
            assertNotNull(image, "not a readable PNG: " + chart.asText());
        }
        assertTrue(printed.contains("report.md"), "the summary names the report");
    }

    private static void assertInterval(JsonNode i, double min, double max) {
        double low = i.get("low").asDouble();
        double mean = i.get("mean").asDouble();
        double high = i.get("high").asDouble();
        assertTrue(min <= low && low <= mean && mean <= high && high <= max, i.toString());
    }
}
