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
 * Runs {@code rollstream experiment replay --quick --secure} on the secure embedded broker, every component as its
 * own role's user, and checks the report's structure: every arm has its greedy accuracy and pass@k, the headline is
 * the paired difference, the PPO arm sent and trained on no replay, every replay prompt of the replay arm was
 * answered and closed, both arms made every update on their own policy's episodes, and the pipeline invariants held.
 * It never checks the effect.
 */
class ReplayExperimentIT {

    private static final List<String> ARMS = List.of("warm start", "PPO", "PPO + replay");

    @TempDir
    Path runDir;

    @TempDir
    Path secrets;

    @Test
    void shouldTrainBothArmsOnTheirOwnEpisodesAndCountWhatReplayDid() throws Exception {
        SecurityCredentials credentials = SecurityCredentials.random();
        Path file = SecureRun.writeCredentials(credentials, EnumSet.allOf(Role.class), true,
                secrets.resolve("credentials.properties"));
        SecureRun run = SecureRun.of("experiment", "replay", "--quick", "--secure", "--credentials-file",
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
        for (String arm : ARMS) {
            assertInterval(report.get("greedyAccuracy").get(arm).get("pooled"), 0, 1);
            JsonNode pass = report.get("passAtK").get(arm);
            assertEquals(2, pass.size(), arm + ": pass@1 and pass@2");
            assertTrue(pass.get(0).get("mean").asDouble() <= pass.get(1).get("mean").asDouble() + 1e-12,
                    arm + ": pass@k never falls with k");
        }
        double rrl = report.get("greedyAccuracy").get("PPO + replay").get("pooled").get("mean").asDouble();
        double ppo = report.get("greedyAccuracy").get("PPO").get("pooled").get("mean").asDouble();
        assertEquals(rrl - ppo, report.get("delta").get("mean").asDouble(), 1e-9);

        JsonNode replay = report.get("replay");
        assertEquals(2, replay.size());
        for (JsonNode r : replay) {
            String arm = r.get("arm").asText();
            assertEquals(2 + 4, r.get("updates").asInt(), arm + ": critic warm-up and PPO updates");
            assertEquals(0, r.get("foreign").asInt(), arm + " trained on another policy's episodes");
            assertEquals(0, r.get("undrained").asInt(), arm + " left episodes open");
            assertTrue(r.get("episodes").asInt() >= 6 * 8, arm + " trained on too few episodes: " + r);
            assertTrue(r.get("solved").asInt() <= r.get("closed").asInt());
            if (arm.equals("PPO")) {
                assertEquals(0, r.get("offered").asInt() + r.get("captured").asInt() + r.get("published").asInt()
                        + r.get("closed").asInt() + r.get("trained").asInt(), "the PPO arm has replay off: " + r);
            } else {
                // The batch's top share always reaches the bar, so a batch that offers states keeps some.
                assertTrue(r.get("offered").asInt() == 0 || r.get("captured").asInt() > 0, arm + ": " + r);
                assertTrue(r.get("captured").asInt() <= r.get("offered").asInt(), arm + ": " + r);
                assertEquals(r.get("published").asInt(), r.get("closed").asInt(), "every replay prompt closed");
                assertTrue(r.get("trained").asInt() <= r.get("closed").asInt());
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
