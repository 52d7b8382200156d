package io.rollstream.cli;

import io.rollstream.cli.actor.ActorCommand;
import io.rollstream.cli.audit.AuditCommand;
import io.rollstream.cli.audit.ExportCommand;
import io.rollstream.cli.bench.BenchCommand;
import io.rollstream.cli.broker.BrokerCommand;
import io.rollstream.cli.broker.TopicsCommand;
import io.rollstream.cli.demo.DemoCommand;
import io.rollstream.cli.experiment.ExperimentCommand;
import io.rollstream.cli.eval.EvalCommand;
import io.rollstream.cli.feed.FeedCommand;
import io.rollstream.cli.grader.GradeCommand;
import io.rollstream.cli.grader.GraderCommand;
import io.rollstream.cli.learner.LearnerCommand;
import io.rollstream.cli.run.ComponentLifecycle;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rollstream} command: the one entry point of every part of the pipeline. Each component subcommand
 * parses its options into that component's config record and runs it through
 * {@link io.rollstream.cli.run.ComponentLifecycle}; tests start the components through here too.
 */
@Command(name = "rollstream",
        mixinStandardHelpOptions = true,
        versionProvider = RollstreamVersion.class,
        description = "Streaming reinforcement learning for LLM reasoning on Apache Kafka.",
        footer = {"%nOptions may also come from argument files: rollstream <command> @FILE "
                + "(options and values separated by spaces or new lines).",
            "A bad option value prints one line naming the option and exits with code 2."},
        subcommands = {
                DemoCommand.class,
                ExperimentCommand.class,
                BrokerCommand.class,
                TopicsCommand.class,
                FeedCommand.class,
                GraderCommand.class,
                GradeCommand.class,
                ActorCommand.class,
                LearnerCommand.class,
                EvalCommand.class,
                AuditCommand.class,
                ExportCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class
        })
public final class RollstreamCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with its shared settings; tests execute it without exiting the JVM. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new RollstreamCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpAutoWidth(true);
        // An argument file holds a base configuration; a flag after it overrides one of its options.
        cli.setOverwrittenOptionsAllowed(true);
        cli.setParameterExceptionHandler(RollstreamCommand::rejectInOneLine);
        cli.setExecutionExceptionHandler(RollstreamCommand::reportRefusedLogin);
        return cli;
    }

    /** A refused login or access: one line and exit code 1; any other failure propagates as before. */
    private static int reportRefusedLogin(Exception e, CommandLine cli, CommandLine.ParseResult parsed)
            throws Exception {
        String line = LoginFailures.describe(e).orElseThrow(() -> e);
        cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + line);
        cli.getErr().flush();
        return ComponentLifecycle.FAILED;
    }

    /** A bad configuration value: one line naming the option and what it accepts, a pointer to help, exit code 2. */
    private static int rejectInOneLine(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return ComponentLifecycle.BAD_CONFIG;
    }

    public static void main(String[] args) {
        // DJL must never try to download its native library: the PyTorch jar on the class path has it.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.exit(commandLine().execute(args));
    }
}
