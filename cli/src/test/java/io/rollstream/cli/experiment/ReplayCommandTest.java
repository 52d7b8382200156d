package io.rollstream.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.cli.RollstreamCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code experiment replay} refuses bad settings with exit 2 before it starts a broker or writes anything. */
class ReplayCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseBadSettingsUpFront() {
        assertRefused("'--replay-ratio': must be in (0, 1], got 0.0", "--replay-ratio", "0");
        assertRefused("'--critic-warmup': must be >= 1", "--critic-warmup", "0");
        assertRefused("'--batch-episodes': must be >= 2", "--batch-episodes", "1");
        assertRefused("'--seeds': give one or more distinct seeds", "--seeds", "2,2");
        assertRefused("'--learning-rate': must be a finite number > 0", "--learning-rate", "-1");
        assertRefused("give both to use an external cluster", "--schema-registry-url", "http://localhost:8081");
    }

    @Test
    void shouldTellWhatItComparesInItsHelp() {
        StringWriter out = new StringWriter();
        CommandLine cli = RollstreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute("experiment", "replay", "--help"));
        assertTrue(out.toString().contains("REPLAY prompts"), out.toString());
        assertTrue(out.toString().contains("--replay-ratio"), out.toString());
    }

    private void assertRefused(String message, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = RollstreamCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 4];
        all[0] = "experiment";
        all[1] = "replay";
        all[2] = "--run-dir";
        all[3] = dir.resolve("run").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        assertEquals(2, cli.execute(all), err.toString());
        assertTrue(err.toString().contains(message), err.toString());
        assertTrue(Files.notExists(dir.resolve("run")), "nothing written for refused settings");
    }
}
