package io.rollstream.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * A command that runs every component itself (demo, an experiment) run in this JVM under per-role users: its
 * output, its console (standard error, where its progress goes) and the checks that it ran secured and wrote no
 * password anywhere.
 *
 * @param exitCode the command's exit code
 * @param out      what it printed on standard output
 * @param console  what it printed on standard error
 */
public record SecureRun(int exitCode, String out, String console) {

    /** What a secure run prints once it has logged in to its cluster. */
    public static final String SECURED = "(SASL/SCRAM, a user per role)";

    /** Runs {@code rollstream args...}, capturing standard error as well, and echoes both for the test report. */
    public static SecureRun of(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = RollstreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedErr = System.err;
        int exit;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = cli.execute(args);
        } finally {
            System.setErr(savedErr);
        }
        SecureRun run = new SecureRun(exit, out.toString(), err.toString(StandardCharsets.UTF_8));
        System.out.println(run.out());
        System.out.println(run.console());
        return run;
    }

    /**
     * Asserts the run logged in to its cluster and that no password of {@code users} is in its output, its console,
     * or any file of {@code runDir} outside the broker's data and the weights.
     */
    public void assertSecuredWithoutPasswords(Path runDir, Collection<Credentials> users) throws IOException {
        assertTrue(console.contains(SECURED), "the run logged in as a user per role: " + console);
        List<String> texts = new ArrayList<>(List.of(out, console));
        try (Stream<Path> files = Files.walk(runDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = runDir.relativize(file);
                if (!relative.startsWith("kafka") && !relative.startsWith("weights")) {
                    texts.add(Files.readString(file, StandardCharsets.ISO_8859_1));
                }
            }
        }
        for (Credentials user : users) {
            for (String text : texts) {
                assertFalse(text.contains(user.password()), "the password of " + user.user() + " was written");
            }
        }
    }

    /** Every user of {@code credentials}, the administrator included. */
    public static List<Credentials> users(SecurityCredentials credentials) {
        List<Credentials> users = new ArrayList<>(credentials.roles().values());
        users.add(credentials.admin());
        return users;
    }

    /** Writes the passwords of {@code roles} (and the administrator's when {@code withAdmin}) as a credentials file. */
    public static Path writeCredentials(SecurityCredentials credentials, Set<Role> roles, boolean withAdmin, Path file)
            throws IOException {
        StringBuilder text = new StringBuilder(withAdmin ? "admin.password=" + credentials.admin().password() + "\n"
                : "");
        for (Role role : roles) {
            text.append(role.key()).append(".password=").append(credentials.of(role).password()).append('\n');
        }
        return Files.writeString(file, text);
    }

    /** The warnings and errors of a run's logs, to see why a run under ACLs failed. */
    public static void printWarnings(Path logs) throws IOException {
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                        .filter(l -> l.contains("WARN") || l.contains("ERROR") || l.contains("Exception"))
                        .limit(40).forEach(l -> System.out.println(log.getFileName() + ": " + l));
            }
        }
    }
}
