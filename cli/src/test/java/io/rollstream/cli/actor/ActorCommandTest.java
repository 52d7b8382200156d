package io.rollstream.cli.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rollstream.actor.config.ActorConfig;
import io.rollstream.cli.CommandRun;
import io.rollstream.policy.model.DeviceChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActorCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldStartFromActorConfigDefaultsWhenNothingIsSet() {
        assumeTrue(CommandRun.cleanEnvironment(), "a ROLLSTREAM_* variable is set");
        ActorCommand command = CommandRun.parsed("actor");
        assertEquals(ActorConfig.defaults(), command.config());
    }

    @Test
    void shouldReadAnArgumentFileAndLetALaterFlagWin() throws Exception {
        Path file = dir.resolve("actor.args");
        Files.writeString(file, "# one actor of the test\n--actor-id a7\n--batch-size 4\n--device cpu\n"
                + "--max-batch-wait-ms 250\n");
        ActorCommand command = CommandRun.parsed("actor", "@" + file, "--batch-size", "8");
        ActorConfig config = command.config();
        assertEquals("a7", config.actorId());
        assertEquals(8, config.batchSize());
        assertEquals(DeviceChoice.CPU, config.device());
        assertEquals(Duration.ofMillis(250), config.maxBatchWait());
        assertEquals("rollstream-actor-a7", config.transactionalId());
    }

    @Test
    void shouldExitWithCodeTwoAndOneLineNamingTheKeyOnABadValue() {
        CommandRun run = CommandRun.of("actor", "--max-new-tokens", "0");
        assertEquals(2, run.exitCode());
        assertEquals("Invalid configuration: maxNewTokens must be a positive integer, got 0",
                run.err().lines().findFirst().orElseThrow());
    }

    @Test
    void shouldRejectAnUnknownDeviceListingTheChoices() {
        CommandRun run = CommandRun.of("actor", "--device", "tpu");
        assertEquals(2, run.exitCode());
        String first = run.err().lines().findFirst().orElseThrow();
        assertTrue(first.contains("CPU") && first.contains("tpu"), first);
    }

    @Test
    void shouldNameEveryOptionAndItsVariableInHelp() {
        CommandRun help = CommandRun.of("actor", "--help");
        assertEquals(0, help.exitCode());
        for (String text : List.of("--actor-id", "ROLLSTREAM_ACTOR_ID", "--group-id", "ROLLSTREAM_ACTOR_GROUP_ID",
                "--policy-name", "ROLLSTREAM_POLICY_NAME", "--batch-size", "ROLLSTREAM_ACTOR_BATCH_SIZE",
                "--max-batch-wait-ms", "--temperature", "--top-p", "--max-new-tokens", "--device", "ROLLSTREAM_DEVICE",
                "--seed", "--weights-dir", "ROLLSTREAM_WEIGHTS_DIR", "--transactional-id-prefix",
                "--session-timeout-ms", "--metrics-port", "ROLLSTREAM_METRICS_PORT", "--bootstrap-servers",
                "--schema-registry-url", "@FILE", "Exit codes")) {
            assertTrue(help.out().contains(text), text + " missing from help");
        }
    }
}
