package io.rollstream.cli.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --verbose} option of the commands whose logs go to their run directory. */
public final class LogOptions {

    @Option(names = "--verbose",
            description = "Show the logs on the console as well; they always go to <run-dir>/logs/, one file per "
                    + "component.")
    boolean verbose;

    /** Moves the logs to {@code <runDir>/logs/} and says so on {@code console}. */
    public RunLogs toRunDirectory(Path runDir, PrintStream console) throws IOException {
        RunLogs logs = RunLogs.toRunDirectory(runDir, verbose);
        console.println("Logs: " + logs.directory() + (verbose ? "" : " (--verbose shows them here too)"));
        return logs;
    }
}
