package io.rollstream.infra.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadEveryRoleFromTheEnvironmentWithDefaultUserNames() {
        Map<String, String> env = new HashMap<>();
        env.put("ROLLSTREAM_ADMIN_PASSWORD", "a-secret");
        for (Role role : Role.values()) {
            env.put("ROLLSTREAM_" + role.name() + "_PASSWORD", role.key() + "-secret");
        }
        env.put("ROLLSTREAM_ACTOR_USER", "actor-7");

        SecurityCredentials credentials = SecurityCredentials.fromEnvironment(env);

        assertEquals(new Credentials("actor-7", "actor-secret"), credentials.of(Role.ACTOR));
        assertEquals(new Credentials("rollstream-grader", "grader-secret"), credentials.of(Role.GRADER));
        assertEquals("rollstream-admin", credentials.admin().user());
    }

    @Test
    void shouldReadAFileAndNamingOnlyTheMissingKeyNeverAValue() throws Exception {
        Path file = dir.resolve("credentials.properties");
        Files.writeString(file, "admin.password=top-secret-value\nactor.password=actor-secret-value\n",
                StandardCharsets.UTF_8);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecurityCredentials.fromFile(file));

        assertTrue(e.getMessage().contains("feeder.password"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-value"), e.getMessage());
    }

    @Test
    void shouldReadOneRoleFromAFileThatHoldsOnlyThatRole() throws Exception {
        Path file = dir.resolve("feeder.properties");
        Files.writeString(file, "feeder.password=feeder-secret\nfeeder.user=feeder-2\n", StandardCharsets.UTF_8);

        assertEquals(new Credentials("feeder-2", "feeder-secret"),
                SecurityCredentials.userFromFile(file, Role.FEEDER.key()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SecurityCredentials.userFromFile(file, Role.ACTOR.key()));
        assertTrue(e.getMessage().contains("actor.password"), e.getMessage());
        assertFalse(e.getMessage().contains("feeder-secret"), e.getMessage());
    }

    @Test
    void shouldReportAnUnreadableFileAsAnInvalidValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SecurityCredentials.userFromFile(dir.resolve("missing.properties"), "admin"));
        assertTrue(e.getMessage().contains("missing.properties"), e.getMessage());
    }

    @Test
    void shouldReadOneRoleFromTheEnvironmentOnlyWhenItIsThere() {
        assertEquals(Optional.empty(), SecurityCredentials.userFromEnvironment(Map.of(), "grader"));
        assertEquals(Optional.of(new Credentials("rollstream-grader", "g")),
                SecurityCredentials.userFromEnvironment(Map.of("ROLLSTREAM_GRADER_PASSWORD", "g"), "grader"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SecurityCredentials
                .userFromEnvironment(Map.of("ROLLSTREAM_GRADER_USER", "g-1"), "grader"));
        assertTrue(e.getMessage().contains("ROLLSTREAM_GRADER_PASSWORD"), e.getMessage());
    }

    @Test
    void shouldNeverPrintAPassword() {
        SecurityCredentials credentials = SecurityCredentials.random();

        String printed = credentials.toString() + credentials.admin() + credentials.of(Role.ACTOR);

        assertFalse(printed.contains(credentials.admin().password()));
        for (Role role : Role.values()) {
            assertFalse(printed.contains(credentials.of(role).password()), role.key());
        }
    }

    @Test
    void shouldEscapeQuotesInTheJaasLine() {
        String jaas = SaslClients.jaas(new Credentials("u", "p\"w\\d"));

        assertTrue(jaas.endsWith("username=\"u\" password=\"p\\\"w\\\\d\";"), jaas);
    }
}
