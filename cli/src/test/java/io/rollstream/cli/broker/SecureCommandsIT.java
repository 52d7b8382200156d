package io.rollstream.cli.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.cli.CommandRun;
import io.rollstream.infra.security.Role;
import io.rollstream.infra.security.SecurityCredentials;
import io.rollstream.infra.stack.LocalStack;
import io.rollstream.infra.stack.LocalStackConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The component commands against {@code LocalStack.startSecure}: each logs in as its role from a credentials file
 * (feed as the feeder, audit as the auditor, topics as the administrator); a wrong password fails in one line with
 * exit code 1, naming no password.
 */
class SecureCommandsIT {

    @TempDir
    Path dir;

    @Test
    void shouldRunFeedAuditAndTopicsAsTheirRolesAndRefuseAWrongPasswordInOneLine() throws Exception {
        SecurityCredentials credentials = SecurityCredentials.random();
        long started = System.nanoTime();
        try (LocalStack stack = LocalStack.startSecure(LocalStackConfig.onFreePorts(dir.resolve("kafka")),
                credentials)) {
            Path file = dir.resolve("credentials.properties");
            Files.writeString(file, "admin.password=" + credentials.admin().password() + "\nfeeder.password="
                    + credentials.of(Role.FEEDER).password() + "\nauditor.password="
                    + credentials.of(Role.AUDITOR).password() + "\n", StandardCharsets.UTF_8);
            String[] cluster = {"--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url",
                    stack.registryUrl(), "--credentials-file", file.toString()};

            CommandRun feed = CommandRun.of(concat(new String[] {"feed", "--dataset", "synthetic", "--limit", "3",
                    "--metrics-port", "-1"}, cluster));
            assertEquals(0, feed.exitCode(), feed.out() + feed.err());
            assertTrue(feed.out().contains("published 3 questions"), feed.out());

            CommandRun audit = CommandRun.of(concat(new String[] {"audit", "--from", "-1h"}, cluster));
            assertEquals(0, audit.exitCode(), audit.out() + audit.err());

            CommandRun topics = CommandRun.of(concat(new String[] {"topics", "describe"}, cluster));
            assertEquals(0, topics.exitCode(), topics.out() + topics.err());

            Path wrong = dir.resolve("wrong.properties");
            Files.writeString(wrong, "auditor.password=not-the-password\n", StandardCharsets.UTF_8);
            CommandRun refused = CommandRun.of("audit", "--from", "-1h", "--bootstrap-servers",
                    stack.bootstrapServers(), "--schema-registry-url", stack.registryUrl(), "--credentials-file",
                    wrong.toString());
            assertEquals(1, refused.exitCode(), refused.out() + refused.err());
            assertTrue(refused.err().startsWith("rollstream audit: cannot log in to Kafka: "), refused.err());
            assertEquals(1, refused.err().strip().lines().count(), "one line, no stack trace: " + refused.err());
            assertFalse(refused.err().contains("not-the-password"), refused.err());

            for (CommandRun run : new CommandRun[] {feed, audit, topics, refused}) {
                for (Role role : new Role[] {Role.FEEDER, Role.AUDITOR}) {
                    assertFalse((run.out() + run.err()).contains(credentials.of(role).password()));
                }
                assertFalse((run.out() + run.err()).contains(credentials.admin().password()));
            }
        }
        System.out.printf("secure commands in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
