package io.rollstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.actor.config.ActorConfig;
import io.rollstream.audit.AuditConfig;
import io.rollstream.grader.app.GraderConfig;
import io.rollstream.infra.security.Credentials;
import io.rollstream.infra.security.Role;
import io.rollstream.infra.security.SaslClients;
import io.rollstream.learner.service.ServiceSettings;
import io.rollstream.schemas.security.ClientLogin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.SaslConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

class SecurityOptionsTest {

    private static final String SECRET = "feeder-secret-value";

    @TempDir
    Path dir;

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Spec
        CommandSpec spec;
        @Mixin
        SecurityOptions security;

        @Override
        public void run() {
        }
    }

    private static Probe parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe;
    }

    @Test
    void shouldLogInAsTheRoleOfTheCredentialsFile() throws Exception {
        Path file = dir.resolve("feeder.properties");
        Files.writeString(file, "feeder.password=" + SECRET + "\nfeeder.user=feeder-9\n", StandardCharsets.UTF_8);
        Probe probe = parse("--credentials-file", file.toString());

        ClientLogin login = probe.security.login(probe.spec, Role.FEEDER.key(),
                Map.of("ROLLSTREAM_FEEDER_PASSWORD", "ignored-when-a-file-is-given"));

        assertEquals("feeder-9", login.user().orElseThrow());
        assertEquals("SASL_PLAINTEXT", login.kafkaProperties().get("security.protocol"));
        assertTrue(login.kafkaProperties().get(SaslConfigs.SASL_JAAS_CONFIG).toString().contains(SECRET));
        assertFalse(login.toString().contains(SECRET));
    }

    @Test
    void shouldFallBackToTheEnvironmentAndToNoLoginWithout() {
        Probe probe = parse();

        ClientLogin login = probe.security.login(probe.spec, Role.GRADER.key(),
                Map.of("ROLLSTREAM_GRADER_PASSWORD", "g-secret"));

        assertEquals(Role.GRADER.defaultUser(), login.user().orElseThrow());
        assertSame(ClientLogin.NONE, probe.security.login(probe.spec, Role.GRADER.key(), Map.of()));
    }

    @Test
    void shouldRefuseAFileWithoutTheRolesPasswordNamingTheKeyButNoValue() throws Exception {
        Path file = dir.resolve("other.properties");
        Files.writeString(file, "feeder.password=" + SECRET + "\n", StandardCharsets.UTF_8);
        Probe probe = parse("--credentials-file", file.toString());

        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> probe.security.login(probe.spec, Role.ACTOR.key(), Map.of()));

        assertTrue(e.getMessage().startsWith("Invalid value for option '--credentials-file': "), e.getMessage());
        assertTrue(e.getMessage().contains("actor.password"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void shouldRefuseAMissingFileAsAnInvalidValue() {
        CommandRun run = CommandRun.of("audit", "--from", "-PT1H", "--credentials-file",
                dir.resolve("missing.properties").toString());

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("Invalid value for option '--credentials-file': cannot read the credentials"
                + " file"), run.err());
    }

    @Test
    void shouldRefuseASecureDemoOnAnExternalClusterAndAFileWithoutSecure() {
        CommandRun external = CommandRun.of("demo", "--quick", "--secure", "--bootstrap-servers", "localhost:1",
                "--schema-registry-url", "http://localhost:2", "--run-dir", dir.resolve("run").toString());
        assertEquals(2, external.exitCode(), external.err());
        assertTrue(external.err().startsWith("Invalid value for option '--secure': "), external.err());

        CommandRun fileOnly = CommandRun.of("demo", "--quick", "--credentials-file", "c.properties",
                "--run-dir", dir.resolve("run").toString());
        assertEquals(2, fileOnly.exitCode(), fileOnly.err());
        assertTrue(fileOnly.err().startsWith("Invalid value for option '--credentials-file': "), fileOnly.err());
        assertFalse(Files.exists(dir.resolve("run")), "refused before the run directory was made");
    }

    @Test
    void shouldOfferTheCredentialsFileOnEveryComponentCommandWithoutADefault() {
        for (String command : new String[] {"grader", "actor", "learner", "feed", "audit", "export"}) {
            CommandRun help = CommandRun.of(command, "--help");
            assertTrue(help.out().contains("--credentials-file=FILE"), command + ": " + help.out());
        }
        CommandRun demo = CommandRun.of("demo", "--help");
        assertTrue(demo.out().replaceAll("\\s+", " ").contains("never printed nor written"), demo.out());
    }

    @Test
    void shouldKeepThePasswordOutOfEveryComponentConfig() {
        ClientLogin login = SaslClients.login(new Credentials("rollstream-learner", SECRET));
        List<Object> configs = List.of(login,
                ActorConfig.builder().login(login).build(),
                GraderConfig.defaults().withLogin(login),
                ServiceSettings.defaults().withLogin(login),
                AuditConfig.of("localhost:9092", "http://localhost:8081", Instant.EPOCH, Instant.now(), false)
                        .withLogin(login));
        for (Object config : configs) {
            assertTrue(config.toString().contains("rollstream-learner"), config.toString());
            assertFalse(config.toString().contains(SECRET), config.toString());
        }
    }
}
