package io.rollstream.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.cli.SecureRun;
import io.rollstream.infra.security.Role;
import io.rollstream.infra.security.SecurityCredentials;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code rollstream demo --quick --secure} end to end: the secure single-broker stack, every in-process
 * component as its own role's user under the catalog's least-privilege ACLs, and an audit that passes.
 */
class DemoSecureIT {

    @TempDir
    Path dir;

    @Test
    void shouldRunTheQuickDemoUnderPerRoleUsersWithAPassingAuditAndNoPasswordPrinted() throws Exception {
        SecurityCredentials credentials = SecurityCredentials.random();
        Path file = SecureRun.writeCredentials(credentials, EnumSet.allOf(Role.class), true,
                dir.resolve("credentials.properties"));
        Path runDir = dir.resolve("run");

        long started = System.nanoTime();
        // The smallest run that still takes every phase through every role: the ACLs are under test here,
        // not the learning, and the suite's time is short.
        SecureRun run = SecureRun.of("demo", "--quick", "--secure", "--credentials-file", file.toString(),
                "--run-dir", runDir.toString(), "--train-questions", "32", "--test-questions", "4",
                "--sft-epochs", "1", "--steps", "1", "--batch-episodes", "4", "--max-attempts", "2",
                "--max-new-tokens", "12", "--actor-batch", "8");
        System.out.printf("secure demo in %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
        if (run.exitCode() != 0) {
            SecureRun.printWarnings(runDir.resolve("logs"));
        }
        assertEquals(0, run.exitCode(), run.out());

        JsonNode results = new ObjectMapper().readTree(runDir.resolve("results.json").toFile());
        JsonNode pipeline = results.get("pipeline");
        assertEquals(0, pipeline.get("duplicateGrades").asLong(), "an attempt was graded twice");
        assertEquals(0, pipeline.get("duplicateTrajectories").asLong(), "an episode closed twice");
        assertEquals(0, pipeline.get("openEpisodes").asLong(), "an episode never closed");
        assertTrue(pipeline.get("graded").asLong() > 0 && pipeline.get("trajectories").asLong() > 0);
        JsonNode audit = results.get("audit");
        assertTrue(audit.get("passed").asBoolean(), audit.get("summary").asText());
        assertTrue(audit.get("episodes").asInt() > 0);
        assertEquals(audit.get("episodes").asInt(), audit.get("closed").asInt(), "every audited episode closed");
        assertEquals(3, results.get("table").size(), "SFT start, multi-attempt and single-turn rows");

        run.assertSecuredWithoutPasswords(runDir, SecureRun.users(credentials));
    }
}
