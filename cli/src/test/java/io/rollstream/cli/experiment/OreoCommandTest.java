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

/** {@code experiment oreo} refuses bad settings with exit 2 before it starts a broker or writes anything. */
class OreoCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseBadSettingsUpFront() {
        assertRefused("'--log-samples': must be >= 1", "--log-samples", "0");
        assertRefused("'--seeds': give one or more distinct seeds", "--seeds", "1,1");
        assertRefused("'--learning-rate': must be a finite number > 0", "--learning-rate", "0");
        assertRefused("give both to use an external cluster", "--bootstrap-servers", "localhost:9092");
    }

    @Test
    void shouldTellWhatItComparesInItsHelp() {
        StringWriter out = new StringWriter();
        CommandLine cli = RollstreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute("experiment", "oreo", "--help"));
        assertTrue(out.toString().contains("rejection-sampling SFT"), out.toString());
        assertTrue(out.toString().contains("--log-samples"), out.toString());
    }

    private void assertRefused(String message, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = RollstreamCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 4];
        all[0] = "experiment";
        all[1] = "oreo";
        all[2] = "--run-dir";
        all[3] = dir.resolve("run").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        assertEquals(2, cli.execute(all), err.toString());
        assertTrue(err.toString().contains(message), err.toString());
        assertTrue(Files.notExists(dir.resolve("run")), "nothing written for refused settings");
    }
}
