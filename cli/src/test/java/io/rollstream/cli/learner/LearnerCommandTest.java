package io.rollstream.cli.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rollstream.cli.CommandRun;
import io.rollstream.learner.config.Algorithm;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.service.ServiceSettings;
import io.rollstream.policy.model.DeviceChoice;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LearnerCommandTest {

    @Test
    void shouldStartFromTheDefaultPresetAndSettingsWhenNothingIsSet() {
        assumeTrue(CommandRun.cleanEnvironment(), "a ROLLSTREAM_* variable is set");
        LearnerCommand command = CommandRun.parsed("learner");
        assertEquals(LearnerConfig.defaults(), command.config());
        assertEquals(ServiceSettings.defaults(), command.settings());
    }

    @Test
    void shouldApplyThePresetThenTheOptions() {
        LearnerCommand command = CommandRun.parsed("learner", "--algorithm", "grpo", "--run-dir", "/tmp/run",
                "--weights-dir", "/tmp/w", "--device", "cpu", "--no-replay", "--policy-name", "p2",
                "--set", "groupSize=4", "--stop-after-updates", "3", "--start-at", "2026-01-31T12:00:00Z");
        LearnerConfig config = command.config();
        ServiceSettings settings = command.settings();
        assertEquals(Algorithm.GRPO, config.algorithm());
        assertEquals(LearnerConfig.grpo().klCoefficient(), config.klCoefficient());
        assertEquals(4, config.groupSize());
        assertEquals("p2", config.policyName());
        assertEquals(false, config.replayEnabled());
        assertEquals(Path.of("/tmp/run"), settings.runDir());
        assertEquals(Path.of("/tmp/w"), settings.weightsDir());
        assertEquals(DeviceChoice.CPU, settings.device());
        assertEquals(3, settings.stopAfterUpdates());
        assertEquals("2026-01-31T12:00:00Z", settings.startAt().toString());
    }

    @Test
    void shouldReadFromTheBeginningWithoutStartAt() {
        LearnerCommand command = CommandRun.parsed("learner");
        assertNull(command.settings().startAt());
    }

    @Test
    void shouldExitWithCodeTwoNamingTheKeyOnABadValue() {
        CommandRun unknown = CommandRun.of("learner", "--set", "learningrate=1");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().lines().findFirst().orElseThrow().contains("unknown learner key 'learningrate'"),
                unknown.err());
        CommandRun sft = CommandRun.of("learner", "--algorithm", "sft");
        assertEquals(2, sft.exitCode());
        assertEquals("--sft-data is required with --algorithm sft", sft.err().lines().findFirst().orElseThrow());
    }

    @Test
    void shouldRefuseAnOreoRunWithoutAClosedWindowBeforeConnecting() {
        CommandRun none = CommandRun.of("learner", "--algorithm", "oreo");
        assertEquals(2, none.exitCode());
        assertEquals("--from and --to are required with --algorithm oreo", none.err().lines().findFirst().orElseThrow());
        CommandRun reversed = CommandRun.of("learner", "--algorithm", "oreo", "--from", "2026-01-02T00:00:00Z",
                "--to", "2026-01-01T00:00:00Z");
        assertEquals(2, reversed.exitCode());
        assertTrue(reversed.err().contains("the window must start before it ends"), reversed.err());
        CommandRun open = CommandRun.of("learner", "--algorithm", "oreo", "--from", "2026-01-01T00:00:00Z",
                "--to", "2999-01-01T00:00:00Z");
        assertEquals(2, open.exitCode());
        assertTrue(open.err().contains("is in the future"), open.err());
        CommandRun badTime = CommandRun.of("learner", "--algorithm", "oreo", "--from", "yesterday", "--to", "now");
        assertEquals(2, badTime.exitCode());
        assertTrue(badTime.err().contains("--from takes an ISO-8601 instant"), badTime.err());
        CommandRun stray = CommandRun.of("learner", "--algorithm", "ppo", "--from", "2026-01-01T00:00:00Z");
        assertEquals(2, stray.exitCode());
        assertTrue(stray.err().contains("apply to --algorithm oreo and rs-sft only"), stray.err());
    }
}
