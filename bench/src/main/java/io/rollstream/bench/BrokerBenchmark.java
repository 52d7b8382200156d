package io.rollstream.bench;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Produce-to-consume throughput of serialized attempt records through the embedded broker, printed next to
 * Apache Kafka's own ProducerPerformance measured in the same run, against the same broker and topic, with the
 * same record count and size.
 */
public final class BrokerBenchmark {

    private static final Duration TOOL_TIMEOUT = Duration.ofMinutes(10);

    private BrokerBenchmark() {
    }

    /** Runs the benchmark on {@code machine}, printing progress on {@code out}, and returns what it measured. */
    public static BenchReport run(BrokerBenchConfig config, MachineInfo machine, PrintWriter out)
            throws IOException, InterruptedException, TimeoutException {
        try (ScratchStack stack = ScratchStack.start(out)) {
            Serializer<Attempt> serializer = stack.serdes().valueSerde(Topics.ATTEMPTS).serializer();
            AttemptWorkload workload = AttemptWorkload.create("broker", 120, 3, config.seed());
            List<String> keys = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            long poolBytes = 0;
            Instant now = Instant.now();
            for (int i = 0; i < config.poolSize(); i++) {
                Attempt attempt = workload.next(now.plusMillis(i)).attempt();
                byte[] value = serializer.serialize(Topics.ATTEMPTS.name(), attempt);
                keys.add(attempt.getEpisodeId());
                values.add(value);
                poolBytes += value.length;
            }
            int recordSize = (int) Math.round((double) poolBytes / config.poolSize());
            out.println(String.format(Locale.ROOT, "%d distinct serialized attempts, mean %d bytes", config.poolSize(),
                    recordSize));
            out.println("producing " + config.records() + " attempt records and reading them back ...");
            out.flush();
            ProduceConsumeResult ours = new ProduceConsumeRun(stack.bootstrapServers(), Topics.ATTEMPTS.name(),
                    Topics.ATTEMPTS.partitions(), config.producerOverrides())
                    .run(keys, values, config.records(), config.threads(), out, "produce->consume");
            out.println("running Kafka's ProducerPerformance: " + config.records() + " records of " + recordSize
                    + " bytes ...");
            out.flush();
            ProducerPerformanceResult kafka = ProducerPerformanceRun.run(stack.bootstrapServers(),
                    Topics.ATTEMPTS.name(), config.records(), recordSize, config.producerOverrides(), out, TOOL_TIMEOUT);
            return report(config, machine, ours, kafka, recordSize);
        }
    }

    private static BenchReport report(BrokerBenchConfig config, MachineInfo machine, ProduceConsumeResult ours,
                                      ProducerPerformanceResult kafka, int recordSize) {
        List<Figure> figures = List.of(
                new Figure("rollstream produce->consume", ours.endToEndRecordsPerSecond(), "records/s"),
                new Figure("rollstream produce->consume bytes", ours.endToEndMibPerSecond(), "MiB/s"),
                new Figure("rollstream produce (acked)", ours.producedRecordsPerSecond(), "records/s"),
                new Figure("rollstream produce (acked) bytes", ours.producedMibPerSecond(), "MiB/s"),
                new Figure("kafka ProducerPerformance", kafka.recordsPerSecond(), "records/s"),
                new Figure("kafka ProducerPerformance bytes", kafka.mibPerSecond(), "MiB/s"),
                new Figure("kafka ProducerPerformance avg latency", kafka.avgLatencyMs(), "ms"),
                new Figure("kafka ProducerPerformance p99 latency", kafka.p99Ms(), "ms"),
                new Figure("record size (mean value)", ours.meanValueBytes(), "bytes"),
                new Figure("records", ours.records(), "records"));
        BenchTable table = new BenchTable(List.of("measurement", "records/s", "MiB/s", "what it covers"), List.of(
                List.of("rollstream produce->consume", Figure.format(ours.endToEndRecordsPerSecond()),
                        Figure.format(ours.endToEndMibPerSecond()), "first send to last record read back"),
                List.of("rollstream produce (acked)", Figure.format(ours.producedRecordsPerSecond()),
                        Figure.format(ours.producedMibPerSecond()), "first send to last acknowledgement"),
                List.of("kafka ProducerPerformance", Figure.format(kafka.recordsPerSecond()),
                        Figure.format(kafka.mibPerSecond()), String.format(Locale.ROOT,
                                "its own figure; avg latency %.1f ms, p99 %d ms", kafka.avgLatencyMs(), kafka.p99Ms()))));
        List<String> notes = List.of(
                "same broker, topic, record count (" + ours.records() + ") and value size (" + recordSize
                        + " bytes), acks=all and idempotence in both; ours are keyed by episode id, ProducerPerformance"
                        + " sends unkeyed random bytes in a child JVM",
                "records are serialized before the clock starts: these figures are the broker path, see `bench serde`"
                        + " for the Avro cost",
                "MiB/s counts record values only (ProducerPerformance's \"MB/sec\" is MiB/s too)");
        return new BenchReport("broker", config.describe(), machine, figures, table, notes);
    }
}
