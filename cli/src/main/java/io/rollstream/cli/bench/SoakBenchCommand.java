package io.rollstream.cli.bench;

import io.rollstream.bench.BenchReport;
import io.rollstream.bench.MachineInfo;
import io.rollstream.bench.soak.SoakRun;
import io.rollstream.bench.soak.SoakSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rollstream bench soak}: the whole pipeline on three embedded nodes for a long while, with a random fault
 * every few minutes; throughput and heap over time, then the audit. Not part of CI: it takes half an hour.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {
                "Runs the pipeline (3 embedded KRaft nodes, the registry, the grader, actors serving a tiny "
                        + "policy, a feeder keeping a queue open) for --minutes, with a fault drawn every "
                        + "--fault-every on average: the node leading the attempts partitions stopped and started, "
                        + "the grader restarted on its state, or an actor restarted. Prints a line per minute "
                        + "(episodes closed, episodes/s, heap after a full GC), the fault timeline, the heap at the "
                        + "start and the end, and the audit. Exits 1 when an episode was lost, something was "
                        + "graded twice or the audit failed."})
public final class SoakBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReportOptions report;

    @Option(names = "--minutes", paramLabel = "M", defaultValue = "30",
            description = "Length of the measured part, after the warm-up; fractions allowed (default: ${DEFAULT-VALUE}).")
    private double minutes;

    @Option(names = "--fault-every", paramLabel = "DURATION", defaultValue = "PT3M",
            description = "Mean time between faults, ISO-8601; each gap is 0.5-1.5 times it (default: ${DEFAULT-VALUE}).")
    private Duration faultEvery;

    @Option(names = "--warm-up", paramLabel = "DURATION", defaultValue = "PT1M",
            description = "Time before the first heap figure and the first fault, ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Duration warmUp;

    @Option(names = "--actors", paramLabel = "N", defaultValue = "2",
            description = "Actors serving the policy (default: ${DEFAULT-VALUE}).")
    private int actors;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "200",
            description = "Episodes kept in flight (default: ${DEFAULT-VALUE}).")
    private int queue;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the episodes, the actors' sampling and the fault schedule (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws Exception {
        SoakSettings settings;
        try {
            if (!(minutes > 0) || minutes > 7 * 24 * 60) {
                throw new IllegalArgumentException("--minutes must be above 0 and at most a week, got " + minutes);
            }
            settings = new SoakSettings(Duration.ofMillis(Math.round(minutes * 60_000)), faultEvery, warmUp, actors, queue,
                    Duration.ofMinutes(5), seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        MachineInfo machine = MachineInfo.current();
        BenchReport.printHeader(out, "soak", settings.describe(), machine);
        SoakRun.Result result = SoakRun.run(settings, machine, out);
        report.finish(result.report(), out);
        return result.passed() ? 0 : 1;
    }
}
