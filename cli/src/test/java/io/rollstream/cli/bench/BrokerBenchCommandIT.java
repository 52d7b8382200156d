package io.rollstream.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerBenchCommandIT {

    @TempDir
    Path dir;

    @Test
    void shouldMeasureOurRecordsAndKafkasProducerPerformanceInOneTinyRun() throws Exception {
        BenchRun run = BenchRun.execute(dir.resolve("broker.json"), "broker", "--records", "1000");
        run.assertPositive("rollstream produce->consume");
        run.assertPositive("rollstream produce->consume bytes");
        run.assertPositive("rollstream produce (acked)");
        run.assertPositive("kafka ProducerPerformance");
        run.assertPositive("kafka ProducerPerformance bytes");
        assertEquals(1000, run.figure("records"));
        assertTrue(run.output().contains("[ProducerPerformance] 1000 records sent"), run.output());
        assertTrue(run.output().lines().anyMatch(l -> l.matches("kafka ProducerPerformance +\\| .*")), run.output());
    }
}
