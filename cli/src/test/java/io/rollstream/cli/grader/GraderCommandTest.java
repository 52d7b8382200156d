package io.rollstream.cli.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rollstream.cli.CommandRun;
import io.rollstream.grader.app.GraderConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraderCommandTest {

    @Test
    void shouldStartFromGraderConfigDefaultsWhenNothingIsSet() {
        assumeTrue(CommandRun.cleanEnvironment(), "a ROLLSTREAM_* variable is set");
        GraderCommand command = CommandRun.parsed("grader");
        assertEquals(GraderConfig.defaults(), command.config());
    }

    @Test
    void shouldBuildTheConfigFromTheOptions() {
        GraderCommand command = CommandRun.parsed("grader", "--application-id", "g2", "--threads", "3",
                "--state-dir", "/tmp/g2", "--attempt-timeout", "PT5M", "--closed-retention", "PT1H",
                "--max-answer-chars", "100", "--answer-time-limit", "PT0.5S",
                "--streams-config", "session.timeout.ms=6000", "--bootstrap-servers", "kafka:9092");
        GraderConfig config = command.config();
        assertEquals("g2", config.applicationId());
        assertEquals(3, config.threads());
        assertEquals(Path.of("/tmp/g2"), config.stateDir());
        assertEquals(Duration.ofMinutes(5), config.settings().attemptTimeout());
        assertEquals(Duration.ofHours(1), config.settings().closedRetention());
        assertEquals(GraderConfig.defaults().settings().timeoutCheckInterval(), config.settings().timeoutCheckInterval());
        assertEquals(100, config.checker().maxInputChars());
        assertEquals(Duration.ofMillis(500), config.checker().timeLimit());
        assertEquals(Map.of("session.timeout.ms", "6000"), config.streamsOverrides());
        assertEquals("kafka:9092", config.bootstrapServers());
    }

    @Test
    void shouldExitWithCodeTwoAndOneLineOnABadValue() {
        CommandRun run = CommandRun.of("grader", "--attempt-timeout", "PT0S");
        assertEquals(2, run.exitCode());
        assertEquals("Invalid configuration: attemptTimeout must be positive, got PT0S",
                run.err().lines().findFirst().orElseThrow());
        assertEquals(2, CommandRun.of("grader", "--metrics-port", "70000").exitCode());
    }

    @Test
    void shouldShowTheDefaultsInHelp() {
        CommandRun help = CommandRun.of("grader", "--help");
        assertEquals(0, help.exitCode());
        for (String text : new String[] {"(default: rollstream-grader)", "(default: PT30M)", "(default: PT24H)",
                "(default: 16384)", "(default: PT2S)", "--metrics-port", "@FILE"}) {
            assertTrue(help.out().replaceAll("\\s+", " ").contains(text), text + " missing from help");
        }
    }
}
