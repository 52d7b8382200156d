package io.rollstream.cli.bench;

import io.rollstream.bench.BenchReport;
import io.rollstream.bench.BrokerBenchConfig;
import io.rollstream.bench.BrokerBenchmark;
import io.rollstream.bench.MachineInfo;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rollstream bench broker}: attempt records through the embedded broker, next to Kafka's ProducerPerformance. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = {
                "Produce->consume throughput (records/s, MiB/s) of serialized Attempt records through an "
                        + "embedded broker (acks=all, idempotent producer, one consumer), printed next to Apache "
                        + "Kafka's own ProducerPerformance run in the same session against the same broker with the "
                        + "same record size."})
public final class BrokerBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReportOptions report;

    @Option(names = "--records", paramLabel = "N", defaultValue = "100000",
            description = "Records to produce and read back, and for ProducerPerformance (default: ${DEFAULT-VALUE}).")
    private long records;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "Producers sending our records at once (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--producer-config", paramLabel = "KEY=VALUE",
            description = "Kafka producer setting for our producers and ProducerPerformance alike; repeatable.")
    private Map<String, String> producerOverrides = new LinkedHashMap<>();

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
            description = "Seed of the attempt workload (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws Exception {
        BrokerBenchConfig config;
        try {
            config = new BrokerBenchConfig(records, threads, 1_000, seed, producerOverrides);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        MachineInfo machine = MachineInfo.current();
        BenchReport.printHeader(out, "broker", config.describe(), machine);
        report.finish(BrokerBenchmark.run(config, machine, out), out);
        return 0;
    }
}
