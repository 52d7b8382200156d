package io.rollstream.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rollstream bench}: benchmarks of the pipeline's parts on this machine, each printing its settings, the
 * machine and its figures, and writing them as JSON on request.
 */
@Command(name = "bench",
        header = "Benchmarks: serde, broker, grader, actor, generate, learner, model, checker, pipeline, soak.", mixinStandardHelpOptions = true,
        description = {
                "Measures the pipeline's parts on this machine (the Kafka ones against an embedded broker).",
                "Each benchmark prints its settings, the machine and the figures; --json FILE writes them "
                        + "too."},
        subcommands = {
                SerdeBenchCommand.class,
                BrokerBenchCommand.class,
                GraderBenchCommand.class,
                ActorBenchCommand.class,
                GenerateBenchCommand.class,
                LearnerBenchCommand.class,
                ModelBenchCommand.class,
                CheckerBenchCommand.class,
                PipelineBenchCommand.class,
                SoakBenchCommand.class,
                CommandLine.HelpCommand.class
        })
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The bench command line on its own, as {@link #main} runs it; tests execute it without exiting the JVM. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setUsageHelpAutoWidth(true);
        return cli;
    }

    /** Runs {@code bench} directly: {@code java -cp ... io.rollstream.cli.bench.BenchCommand grader --seconds 10}. */
    public static void main(String[] args) {
        // DJL must never try to download its native library: the PyTorch jar on the class path has it.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.exit(commandLine().execute(args));
    }
}
