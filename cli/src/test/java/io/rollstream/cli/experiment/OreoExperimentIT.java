package io.rollstream.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.cli.SecureRun;
import io.rollstream.experiment.demo.PipelineLogins;
import io.rollstream.infra.security.SecurityCredentials;
import io.rollstream.infra.stack.LocalStack;
import io.rollstream.infra.stack.LocalStackConfig;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code rollstream experiment oreo --quick --secure} against an external secure cluster (started here as
 * {@code broker --secure} would), logged in as the users of the roles it runs, and checks the report's structure:
 * every arm answered every held-out question, the offline learners read exactly the logged episodes and their
 * versions name the window, RS-SFT trained on the solved ones only, OREO on all, the search answers were made (not
 * refused), and the pipeline invariants held. It never checks the effect.
 */
class OreoExperimentIT {

    private static final List<String> ARMS = List.of("warm start", "RS-SFT", "OREO", "OREO + value-guided search");
    private static final int QUESTIONS = 20;

    @TempDir
    Path runDir;

    @TempDir
    Path secrets;

    @Test
    void shouldTrainBothLearnersOnExactlyTheLoggedWindowAndReportEveryArm() throws Exception {
        // An external secure cluster, as 'broker --secure' runs it; the experiment holds the passwords of the
        // roles it runs and not the administrator's.
        SecurityCredentials credentials = SecurityCredentials.random();
        Path file = SecureRun.writeCredentials(credentials, PipelineLogins.RUN_ROLES, false,
                secrets.resolve("credentials.properties"));
        SecureRun run;
        try (LocalStack cluster = LocalStack.startSecure(LocalStackConfig.onFreePorts(secrets.resolve("kafka")),
                credentials)) {
            run = SecureRun.of("experiment", "oreo", "--quick", "--secure", "--credentials-file", file.toString(),
                    "--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url", cluster.registryUrl(),
                    "--run-dir", runDir.toString());
        }
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
            JsonNode answers = report.get("answers").get(arm);
            assertEquals(QUESTIONS, answers.get("answers").asInt(), arm + " answered every question once");
            int finishes = 0;
            for (JsonNode n : answers.get("finishReasons")) {
                finishes += n.asInt();
            }
            assertEquals(QUESTIONS, finishes, "every answer has a finish reason");
        }
        // The headline is the paired difference of the two arms' per-question results.
        double oreo = report.get("greedyAccuracy").get("OREO").get("pooled").get("mean").asDouble();
        double rsSft = report.get("greedyAccuracy").get("RS-SFT").get("pooled").get("mean").asDouble();
        assertEquals(oreo - rsSft, report.get("delta").get("mean").asDouble(), 1e-9);

        JsonNode offline = report.get("offline").get(0);
        int logged = offline.get("logged").asInt();
        assertEquals(100 * 8, logged, "100 questions x 8 samples");
        assertEquals(logged, offline.get("closed").asInt());
        assertEquals(logged, offline.get("rsSft").get("read").asInt(), "RS-SFT read exactly the log");
        assertEquals(logged, offline.get("oreo").get("read").asInt(), "OREO read exactly the log");
        assertTrue(offline.get("rsSft").get("trained").asInt() <= offline.get("solved").asInt(),
                "RS-SFT trains on solved answers only");
        assertTrue(offline.get("oreo").get("trained").asInt() > offline.get("rsSft").get("trained").asInt(),
                "OREO trains on the unsolved answers too");

        JsonNode pipeline = report.get("pipeline");
        assertEquals(0, pipeline.get("duplicateGrades").asLong(), "an attempt was graded twice");
        assertEquals(0, pipeline.get("duplicateTrajectories").asLong(), "an episode closed twice");
        assertEquals(0, pipeline.get("open").asLong(), "an episode never closed");
        assertEquals(0, pipeline.get("deadLetters").asLong(), "a search prompt was refused");
        assertTrue(pipeline.get("auditPassed").asBoolean(), "audit");
        assertTrue(pipeline.get("readExactlyTheLog").asBoolean());
        assertTrue(pipeline.get("versionsNameTheirWindow").asBoolean());
        assertEquals(0, pipeline.get("evalTimeouts").asInt(), "evaluation episodes timed out");

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
