package io.rollstream.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.cli.RollstreamCommand;
import io.rollstream.infra.security.Credentials;
import io.rollstream.infra.security.Role;
import io.rollstream.infra.security.SecurityCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
        Path file = dir.resolve("credentials.properties");
        writeCredentials(credentials, file);
        Path runDir = dir.resolve("run");

        StringWriter out = new StringWriter();
        CommandLine cli = RollstreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedErr = System.err;
        int exit;
        long started = System.nanoTime();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            // The smallest run that still takes every phase through every role: the ACLs are under test here,
            // not the learning, and the suite's time is short.
            exit = cli.execute("demo", "--quick", "--secure", "--credentials-file", file.toString(),
                    "--run-dir", runDir.toString(), "--train-questions", "32", "--test-questions", "4",
                    "--sft-epochs", "1", "--steps", "1", "--batch-episodes", "4", "--max-attempts", "2",
                    "--max-new-tokens", "12", "--actor-batch", "8");
        } finally {
            System.setErr(savedErr);
        }
        String printed = out.toString();
        String console = err.toString(StandardCharsets.UTF_8);
        System.out.println(printed);
        System.out.println(console);
        System.out.printf("secure demo in %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
        if (exit != 0) {
            printLogs(runDir.resolve("logs"));
        }
        assertEquals(0, exit, printed);
        assertTrue(console.contains("(SASL/SCRAM, a user per role)"), "the run used the secure stack: " + console);

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

        List<String> texts = new ArrayList<>(List.of(printed, console));
        try (Stream<Path> files = Files.walk(runDir.resolve("logs"))) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                texts.add(Files.readString(log, StandardCharsets.ISO_8859_1));
            }
        }
        texts.add(Files.readString(runDir.resolve("results.json")));
        List<Credentials> users = new ArrayList<>(credentials.roles().values());
        users.add(credentials.admin());
        for (Credentials user : users) {
            for (String text : texts) {
                assertFalse(text.contains(user.password()), "the password of " + user.user() + " was written");
            }
        }
    }

    /** The run's warnings and errors, to see why a run under ACLs failed. */
    private static void printLogs(Path logs) throws IOException {
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                        .filter(l -> l.contains("WARN") || l.contains("ERROR") || l.contains("Exception"))
                        .limit(40).forEach(l -> System.out.println(log.getFileName() + ": " + l));
            }
        }
    }

    private static void writeCredentials(SecurityCredentials credentials, Path file) throws IOException {
        StringBuilder text = new StringBuilder("admin.password=" + credentials.admin().password() + "\n");
        for (Role role : Role.values()) {
            text.append(role.key()).append(".password=").append(credentials.of(role).password()).append('\n');
        }
        Files.writeString(file, text);
    }
}
