package io.rollstream.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The final summary line of Apache Kafka's {@code org.apache.kafka.tools.ProducerPerformance}, parsed: its
 * "MB/sec" is MiB (it divides by 1024 * 1024).
 *
 * @param records          records sent
 * @param recordsPerSecond its records/sec
 * @param mibPerSecond     its MB/sec
 * @param avgLatencyMs     mean send-to-acknowledgement latency
 * @param maxLatencyMs     largest latency
 * @param p50Ms            median latency
 * @param p99Ms            99th percentile latency
 */
public record ProducerPerformanceResult(long records, double recordsPerSecond, double mibPerSecond,
                                        double avgLatencyMs, double maxLatencyMs, long p50Ms, long p99Ms) {

    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99\\.9th\\.");

    public ProducerPerformanceResult {
        if (records < 1 || !(recordsPerSecond > 0) || !(mibPerSecond > 0)) {
            throw new IllegalArgumentException("ProducerPerformance reported no throughput: " + records + " records, "
                    + recordsPerSecond + " records/s, " + mibPerSecond + " MB/s");
        }
    }

    /** The summary in one line of ProducerPerformance output; empty for its periodic progress lines. */
    public static Optional<ProducerPerformanceResult> parseSummary(String line) {
        Matcher m = SUMMARY.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ProducerPerformanceResult(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)),
                Long.parseLong(m.group(6)), Long.parseLong(m.group(8))));
    }
}
