package io.rollstream.cli.bench;

import io.rollstream.bench.BenchReport;
import io.rollstream.bench.MachineInfo;
import io.rollstream.bench.SerdeBenchConfig;
import io.rollstream.bench.SerdeBenchmark;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rollstream bench serde}: Avro serialize+deserialize throughput of actor attempts. */
@Command(name = "serde", mixinStandardHelpOptions = true,
        description = {
                "Serialize+deserialize records/s of Attempt records (1 KiB response, token ids and "
                        + "log-probs of matching length, a prompt of a few messages) through the "
                        + "Confluent-wire-format Avro serde."})
public final class SerdeBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReportOptions report;

    @Option(names = "--records", paramLabel = "N", defaultValue = "200000",
            description = "Timed round trips over all threads (default: ${DEFAULT-VALUE}).")
    private long records;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "0",
            description = "Time S seconds instead of --records (default: ${DEFAULT-VALUE} = use --records).")
    private int seconds;

    @Option(names = "--warmup-records", paramLabel = "N", defaultValue = "100000",
            description = "Untimed round trips per thread before timing (default: ${DEFAULT-VALUE}).")
    private long warmupRecords;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "Threads sharing one serializer and deserializer (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the attempt workload (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws Exception {
        SerdeBenchConfig config;
        try {
            config = new SerdeBenchConfig(records, seconds, warmupRecords, threads, 512, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        MachineInfo machine = MachineInfo.current();
        BenchReport.printHeader(out, "serde", config.describe(), machine);
        report.finish(SerdeBenchmark.run(config, machine, out), out);
        return 0;
    }
}
