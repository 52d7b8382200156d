package io.rollstream.cli.bench;

import io.rollstream.bench.AnswerMix;
import io.rollstream.bench.BenchReport;
import io.rollstream.bench.GraderBenchConfig;
import io.rollstream.bench.GraderBenchmark;
import io.rollstream.bench.GraderScaleOut;
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

/** {@code rollstream bench grader}: the exactly-once grader's throughput and latency on the embedded broker. */
@Command(name = "grader", mixinStandardHelpOptions = true,
        description = {
                "Attempts/s the exactly-once grader commits while draining a backlog, p50/p99 "
                        + "attempt->graded latency at a fixed offered load, and raw produce->consume throughput of "
                        + "the same attempt records, side by side. Answers mix integers, fractions, surds, pairs and "
                        + "polynomials (or plain integers, or MATH-500's answers: --mix); right, wrong, unboxed. "
                        + "Also prints where the grader's stream threads spend their time (JFR samples).",
                "With --instances 1,2: instead, the grader scaled out, each count on a stack of its own: that many "
                        + "`rollstream grader` JVMs (one stream thread each, one application id) draining one backlog "
                        + "on the attempts topic's 4 partitions; graded attempts/s per count, the scaling ratio "
                        + "against the first count, and raw produce->consume beside each."})
public final class GraderBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReportOptions report;

    @Option(names = "--records", paramLabel = "N", defaultValue = "20000",
            description = "Attempts in the backlog for the throughput figures (default: ${DEFAULT-VALUE}).")
    private int records;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "20",
            description = "Length of the fixed-load latency phase (default: ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--rate", paramLabel = "R", defaultValue = "500",
            description = "Attempts per second offered in the latency phase (default: ${DEFAULT-VALUE}).")
    private int rate;

    @Option(names = "--threads", paramLabel = "T",
            description = "Grader stream threads (default: min(cores, 4), here ${DEFAULT-VALUE}).")
    private int threads = GraderBenchConfig.defaultThreads();

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "3",
            description = "Episodes allow 1..N attempts; 1 makes every attempt close its episode (default: ${DEFAULT-VALUE}).")
    private int maxAttempts;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the attempt workload (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--mix", paramLabel = "MIX", split = ",", defaultValue = "shapes",
            description = "Answer mixes, comma-separated, each measured on a stack of its own and printed side by "
                    + "side: shapes (integers, fractions, surds, pairs, polynomials, decimals), integers, math500 "
                    + "(MATH-500's ground truths, rewritten and missed). `--mix integers,math500` prints the "
                    + "checker's cost as a throughput ratio (default: ${DEFAULT-VALUE}).")
    private List<String> mixes;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "2",
            description = "Times each mix is measured, the mixes forwards then backwards round by round (A B, B A), "
                    + "so the order of the stacks weighs on every mix alike; figures pool the rounds "
                    + "(default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--warmup-records", paramLabel = "N", defaultValue = "20000",
            description = "Attempts of an unreported warm-up on the first mix, profiled when --profile is on, so no "
                    + "figure pays for the JVM's warm-up or for starting Flight Recorder; 0 for none "
                    + "(default: ${DEFAULT-VALUE}).")
    private int warmupRecords;

    @Option(names = "--profile", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Sample the grader's stream threads with Java Flight Recorder while they drain the backlog "
                    + "and print where their time goes (default: on).")
    private boolean profile;

    @Option(names = "--instances", paramLabel = "N[,N...]", split = ",",
            description = "Measure scale-out instead: grader JVMs per run, e.g. 1,2 (at most 4, the partitions).")
    private List<Integer> instances;

    @Override
    public Integer call() throws Exception {
        if (instances != null) {
            return scaleOut();
        }
        GraderBenchConfig config;
        try {
            config = new GraderBenchConfig(records, seconds, rate, threads, maxAttempts, 120, seed,
                    mixes.stream().map(AnswerMix::of).toList(), rounds, warmupRecords, profile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        MachineInfo machine = MachineInfo.current();
        BenchReport.printHeader(out, "grader", config.describe(), machine);
        report.finish(GraderBenchmark.run(config, machine, out), out);
        return 0;
    }

    private int scaleOut() throws Exception {
        if (mixes.size() != 1) {
            throw new ParameterException(spec.commandLine(), "--instances measures one --mix, got " + mixes);
        }
        GraderScaleOut.Config config;
        try {
            // Each instance is the command users run, started from this JVM's own class path.
            List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                    RollstreamCommand.class.getName());
            config = new GraderScaleOut.Config(instances, records, maxAttempts, 120, seed, AnswerMix.of(mixes.get(0)),
                    java);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        MachineInfo machine = MachineInfo.current();
        BenchReport.printHeader(out, "grader --instances", config.describe(), machine);
        report.finish(GraderScaleOut.run(config, machine, out), out);
        return 0;
    }
}
