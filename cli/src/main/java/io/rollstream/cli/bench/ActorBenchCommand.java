package io.rollstream.cli.bench;

import io.rollstream.bench.ActorScaleOut;
import io.rollstream.bench.BenchReport;
import io.rollstream.bench.MachineInfo;
import io.rollstream.cli.RollstreamCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rollstream bench actor}: the actors scaled out over separate JVMs. */
@Command(name = "actor", mixinStandardHelpOptions = true,
        description = {
                "For each count of --instances, on an embedded stack of its own: that many `rollstream actor` JVMs "
                        + "(one consumer group) serving an untrained tiny policy on the prompts topic's 4 partitions "
                        + "answer a warm-up batch, then --prompts single-attempt prompts, timed from their first "
                        + "send to their last committed attempt. Prints attempts/s per count and the scaling ratio "
                        + "against the first count. No grader runs."})
public final class ActorBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReportOptions report;

    @Option(names = "--instances", paramLabel = "N[,N...]", split = ",", defaultValue = "1,2",
            description = "Actor JVMs per run, at most 4, the partitions (default: ${DEFAULT-VALUE}).")
    private List<Integer> instances;

    @Option(names = "--prompts", paramLabel = "N", defaultValue = "2000",
            description = "Prompts in the measured batch; a quarter as many warm up first (default: ${DEFAULT-VALUE}).")
    private int prompts;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "32",
            description = "Tokens per answer (default: ${DEFAULT-VALUE}).")
    private int maxNewTokens;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "16",
            description = "Prompts each actor generates together (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the questions and the actors' sampling (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws Exception {
        ActorScaleOut.Config config;
        try {
            // Each instance is the command users run, started from this JVM's own class path.
            List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                    RollstreamCommand.class.getName());
            config = new ActorScaleOut.Config(instances, prompts, maxNewTokens, batchSize, seed, java);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        MachineInfo machine = MachineInfo.current();
        BenchReport.printHeader(out, "actor --instances", config.describe(), machine);
        report.finish(ActorScaleOut.run(config, machine, out), out);
        return 0;
    }
}
