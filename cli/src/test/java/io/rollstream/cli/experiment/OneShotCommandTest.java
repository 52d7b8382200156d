package io.rollstream.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.cli.RollstreamCommand;
import io.rollstream.experiment.OneShotSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code experiment one-shot} refuses bad settings with exit 2 before it starts a broker or writes anything. */
class OneShotCommandTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseBadSettingsUpFront() {
        assertRefused("'--eval-every': must divide updates (60), got 25", "--eval-every", "25");
        assertRefused("'--train-questions': must be >= 32", "--train-questions", "10");
        assertRefused("'--selection-epochs': must be >= 2", "--selection-epochs", "1");
        assertRefused("'--seeds': give one or more distinct seeds", "--seeds", "2,2");
        assertRefused("'--learning-rate': must be a finite number > 0", "--learning-rate", "-1");
        assertRefused("give both to use an external cluster", "--schema-registry-url", "http://localhost:8081");
    }

    @Test
    void shouldEvaluateTheWarmStartAndEveryFewUpdates() {
        OneShotSettings s = new CommandLine(new OneShotCommand()).parseArgs("--updates", "6", "--eval-every", "2")
                .commandSpec().commandLine().<OneShotCommand>getCommand().settings();
        assertEquals(List.of(0, 2, 4, 6), s.evalSteps());
        // 32 candidates x 3 passes at 4 groups an update.
        assertEquals(24, s.selectionUpdates());
    }

    @Test
    void shouldTellWhatItComparesInItsHelp() {
        StringWriter out = new StringWriter();
        CommandLine cli = RollstreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertEquals(0, cli.execute("experiment", "one-shot", "--help"));
        assertTrue(out.toString().contains("historical variance score"), out.toString());
        assertTrue(out.toString().contains("--candidates"), out.toString());
    }

    private void assertRefused(String message, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = RollstreamCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 4];
        all[0] = "experiment";
        all[1] = "one-shot";
        all[2] = "--run-dir";
        all[3] = dir.resolve("run").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        assertEquals(2, cli.execute(all), err.toString());
        assertTrue(err.toString().contains(message), err.toString());
        assertTrue(Files.notExists(dir.resolve("run")), "nothing written for refused settings");
    }
}
