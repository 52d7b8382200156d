package io.rollstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerPerformanceResultTest {

    @Test
    void shouldReadTheFiguresOfKafkasSummaryLine() {
        ProducerPerformanceResult result = ProducerPerformanceResult.parseSummary("20000 records sent, 3006.2 records/sec"
                + " (25.13 MB/sec), 606.80 ms avg latency, 1182.00 ms max latency, 638 ms 50th, 1106 ms 95th, 1162 ms"
                + " 99th, 1171 ms 99.9th.").orElseThrow();
        assertEquals(new ProducerPerformanceResult(20_000, 3006.2, 25.13, 606.80, 1182.00, 638, 1162), result);
    }

    @Test
    void shouldIgnoreItsPeriodicProgressLinesAndLogLines() {
        assertTrue(ProducerPerformanceResult.parseSummary("10049 records sent, 2009.8 records/sec (16.80 MB/sec),"
                + " 807.5 ms avg latency, 1182.0 ms max latency.").isEmpty());
        assertTrue(ProducerPerformanceResult.parseSummary("19:30:36.490 [main] WARN something").isEmpty());
    }

    @Test
    void shouldPassOurProducerSettingsToTheToolAfterItsOwn() {
        List<String> command = ProducerPerformanceRun.command("localhost:9092", "rl-attempts-v1", 10, 100,
                Map.of("batch.size", "65536"));
        int props = command.indexOf("--producer-props");
        assertEquals(List.of("bootstrap.servers=localhost:9092", "acks=all", "enable.idempotence=true",
                "batch.size=65536"), command.subList(props + 1, command.size()));
        assertEquals("100", command.get(command.indexOf("--record-size") + 1));
        assertEquals("-1", command.get(command.indexOf("--throughput") + 1));
    }
}
