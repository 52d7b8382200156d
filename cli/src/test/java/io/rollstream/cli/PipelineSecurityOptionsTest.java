package io.rollstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.experiment.demo.PipelineLogins;
import io.rollstream.experiment.demo.PipelineSecurity;
import io.rollstream.infra.security.Role;
import io.rollstream.schemas.security.ClientLogin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

class PipelineSecurityOptionsTest {

    @TempDir
    Path dir;

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        PipelineSecurityOptions security;

        @Override
        public void run() {
        }
    }

    private static Probe parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe;
    }

    /** A file with the password of every role a run uses, {@code <role>-secret}, and no admin password. */
    private Path runRolesFile() throws Exception {
        StringBuilder text = new StringBuilder();
        for (Role role : PipelineLogins.RUN_ROLES) {
            text.append(role.key()).append(".password=").append(role.key()).append("-secret\n");
        }
        text.append("learner.user=learner-7\n");
        Path file = dir.resolve("run.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void shouldBeOpenWithoutSecure() {
        Probe probe = parse();

        assertSame(PipelineSecurity.OPEN, probe.security.security(probe.spec, false, Map.of()));
        assertSame(PipelineSecurity.OPEN, probe.security.security(probe.spec, true,
                Map.of("ROLLSTREAM_ADMIN_PASSWORD", "set but not asked for")));
    }

    @Test
    void shouldRefuseACredentialsFileWithoutSecure() throws Exception {
        Probe probe = parse("--credentials-file", runRolesFile().toString());

        ParameterException e = assertThrows(ParameterException.class,
                () -> probe.security.security(probe.spec, false, Map.of()));
        assertTrue(e.getMessage().contains("--credentials-file"), e.getMessage());
    }

    @Test
    void shouldStartTheSecureEmbeddedStackWithRandomPasswordsWhenNoneAreGiven() {
        Probe probe = parse("--secure");

        PipelineSecurity security = probe.security.security(probe.spec, false, Map.of());

        assertNotNull(security.stackOrNull());
        assertTrue(security.secured());
        assertEquals(Role.ACTOR.defaultUser(), security.logins().of(Role.ACTOR).user().orElseThrow());
        assertFalse(security.stackOrNull().admin().password().isEmpty());
    }

    @Test
    void shouldTakeTheEmbeddedStacksUsersFromTheEnvironmentWhenItHasTheAdminPassword() {
        Map<String, String> env = new HashMap<>();
        env.put("ROLLSTREAM_ADMIN_PASSWORD", "a");
        for (Role role : Role.values()) {
            env.put("ROLLSTREAM_" + role.name() + "_PASSWORD", role.key() + "-env");
        }
        env.put("ROLLSTREAM_GRADER_USER", "grader-2");
        Probe probe = parse("--secure");

        PipelineSecurity security = probe.security.security(probe.spec, false, env);

        assertEquals("a", security.stackOrNull().admin().password());
        assertEquals("grader-2", security.logins().of(Role.GRADER).user().orElseThrow());
        assertEquals("actor-env", security.stackOrNull().of(Role.ACTOR).password());
    }

    @Test
    void shouldRefuseAnEmbeddedStackFileWithoutEveryUserNamingTheMissingKeyOnly() throws Exception {
        Probe probe = parse("--secure", "--credentials-file", runRolesFile().toString());

        ParameterException e = assertThrows(ParameterException.class,
                () -> probe.security.security(probe.spec, false, Map.of()));
        assertTrue(e.getMessage().contains("has no subscriber.password"), e.getMessage());
        assertFalse(e.getMessage().contains("-secret"), e.getMessage());
    }

    @Test
    void shouldLogInToAnExternalClusterAsEveryRunRoleFromAFileWithoutAnAdmin() throws Exception {
        Probe probe = parse("--secure", "--credentials-file", runRolesFile().toString());

        PipelineSecurity security = probe.security.security(probe.spec, true, Map.of());

        assertNull(security.stackOrNull(), "an external cluster starts no stack");
        for (Role role : PipelineLogins.RUN_ROLES) {
            ClientLogin login = security.logins().of(role);
            assertEquals(role == Role.LEARNER ? "learner-7" : role.defaultUser(), login.user().orElseThrow());
            assertFalse(login.toString().contains("-secret"));
        }
        assertSame(ClientLogin.NONE, security.logins().of(Role.SUBSCRIBER), "a run never logs in as a subscriber");
    }

    @Test
    void shouldLogInToAnExternalClusterFromTheEnvironment() {
        Map<String, String> env = new HashMap<>();
        for (Role role : PipelineLogins.RUN_ROLES) {
            env.put("ROLLSTREAM_" + role.name() + "_PASSWORD", role.key() + "-env");
        }
        Probe probe = parse("--secure");

        PipelineSecurity security = probe.security.security(probe.spec, true, env);

        assertNull(security.stackOrNull());
        assertEquals(Role.AUDITOR.defaultUser(), security.logins().of(Role.AUDITOR).user().orElseThrow());
    }

    @Test
    void shouldRefuseAnExternalClusterWithoutEveryRunRolesPasswordNamingTheMissingVariable() {
        Map<String, String> env = new HashMap<>();
        for (Role role : PipelineLogins.RUN_ROLES) {
            if (role != Role.GRADER) {
                env.put("ROLLSTREAM_" + role.name() + "_PASSWORD", role.key() + "-env");
            }
        }
        Probe probe = parse("--secure");

        ParameterException e = assertThrows(ParameterException.class,
                () -> probe.security.security(probe.spec, true, env));
        assertTrue(e.getMessage().contains("ROLLSTREAM_GRADER_PASSWORD"), e.getMessage());
        assertFalse(e.getMessage().contains("-env"), e.getMessage());
    }
}
