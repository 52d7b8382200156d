package io.rollstream.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ModelBenchCommandTest {

    // the tiny Qwen2 fixture of the policy module's reference tests; option checks fail before it is loaded
    private static final String FIXTURE = "../policy/src/test/resources/reference/tiny-qwen2";

    @Test
    void shouldNameTheOptionWhosePpoValueIsOutOfRange() {
        assertTrue(rejected("--ppo-sequences", "0").contains("--ppo-sequences must be at least 1, got 0"));
        assertTrue(rejected("--ppo-tokens", "1").contains("--ppo-tokens must be at least 2, got 1"));
        assertTrue(rejected("--ppo-updates", "0").contains("--ppo-updates must be at least 1, got 0"));
    }

    @Test
    void shouldListThePpoOptionsWithTheirDefaultsInTheHelp() {
        String usage = BenchCommand.commandLine().getSubcommands().get("model").getUsageMessage()
                .replaceAll("\\s+", " ");
        assertTrue(usage.contains("--ppo-sequences=N Sequences in the PPO update's batch (default: 8)"), usage);
        assertTrue(usage.contains("(default: 128)"), usage);
        assertTrue(usage.contains("their median is reported (default: 3)"), usage);
        assertTrue(usage.contains("--no-ppo Skip the PPO update."), usage);
    }

    private static String rejected(String option, String value) {
        StringWriter err = new StringWriter();
        CommandLine cli = BenchCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        int code = cli.execute("model", "--model", FIXTURE, option, value);
        assertEquals(2, code, err.toString());
        return err.toString();
    }
}
