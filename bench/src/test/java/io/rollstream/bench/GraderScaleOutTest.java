package io.rollstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraderScaleOutTest {

    private static final List<String> JAVA = List.of("java", "-cp", "x", "Main");

    @Test
    void shouldRefuseInstanceCountsTheAttemptsPartitionsCannotShare() {
        assertThrows(IllegalArgumentException.class, () -> new GraderScaleOut.Config(List.of(0, 1), 100, 3, 10, 1,
                AnswerMix.of("integers"), JAVA));
        assertThrows(IllegalArgumentException.class, () -> new GraderScaleOut.Config(List.of(1, 5), 100, 3, 10, 1,
                AnswerMix.of("integers"), JAVA));
        assertThrows(IllegalArgumentException.class, () -> new GraderScaleOut.Config(List.of(1), 100, 3, 10, 1,
                AnswerMix.of("integers"), List.of()));
    }

    @Test
    void shouldRateEachCountAgainstTheFirstAndItsOwnRawRun() {
        GraderScaleOut.Config config = new GraderScaleOut.Config(List.of(1, 2), 1000, 3, 10, 1,
                AnswerMix.of("integers"), JAVA);
        GradedAudit audit = new GradedAudit(Map.of(), 1000, 0);
        // 1,000 raw records read back in 0.5 s: 2,000 records/s beside each.
        ProduceConsumeResult raw = new ProduceConsumeResult(1000, 8_000_000, 400_000_000L, 500_000_000L);
        BenchReport report = GraderScaleOut.report(config, MachineInfo.current(), List.of(
                new GraderScaleOut.Row(1, 400, raw, 2.5, audit, true),
                new GraderScaleOut.Row(2, 600, raw, 1000 / 600.0, audit, true)));
        assertEquals(1.5, report.figure("scaling 2 / 1 instance(s)").orElseThrow().value(), 1e-12);
        assertEquals(2000, report.figure("raw produce→consume beside 2 instance(s)").orElseThrow().value(), 1e-9);
        String table = report.table().render();
        assertTrue(table.contains("1.50x") && table.contains("0.30x"), table);
    }
}
