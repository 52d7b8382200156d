package io.rollstream.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code rollstream ...} in this JVM through the command line users run, capturing its output. */
public record CommandRun(int exitCode, String out, String err) {

    public static CommandRun of(String... args) {
        CommandLine cli = RollstreamCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    /** The subcommand object {@code rollstream args...} would run, its options parsed but not run. */
    @SuppressWarnings("unchecked")
    public static <T> T parsed(String... args) {
        CommandLine.ParseResult result = RollstreamCommand.commandLine().parseArgs(args);
        return (T) result.subcommand().commandSpec().userObject();
    }

    /** True when no ROLLSTREAM_* variable is set, so the options show their built-in defaults. */
    public static boolean cleanEnvironment() {
        return System.getenv().keySet().stream().noneMatch(k -> k.startsWith("ROLLSTREAM_"));
    }
}
