package io.rollstream.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraderRoundsTest {

    @Test
    void shouldRunTheMixesForwardsThenBackwardsRoundByRound() {
        assertEquals(List.of(0, 1, 2), GraderBenchmark.roundOrder(3, 0));
        assertEquals(List.of(2, 1, 0), GraderBenchmark.roundOrder(3, 1));
        assertEquals(List.of(0, 1, 2), GraderBenchmark.roundOrder(3, 2));
        assertEquals(List.of(0), GraderBenchmark.roundOrder(1, 1));
    }

    @Test
    void shouldPoolRoundsAsRecordsOverSummedTimes() {
        AnswerMix.Selection questions = AnswerMix.INTEGERS.questions(4, 1);
        // 1,000 attempts in 2 s, then 1,000 in 0.5 s: 2,000 in 2.5 s is 800/s, not the mean rate of 1,250/s.
        GraderBenchmark.Measurements a = round(1_000, 2.0, 1.0, 1.0, new long[] {10, 20}, 1, questions);
        GraderBenchmark.Measurements b = round(1_000, 0.5, 3.0, 3.0, new long[] {30}, 3, questions);

        GraderBenchmark.Measurements pooled = GraderBenchmark.Measurements.pool(List.of(a, b));

        assertEquals(800, pooled.gradedPerSecond(), 1e-9);
        assertEquals(2.5, pooled.drainSeconds(), 1e-9);
        assertEquals(2_000, pooled.raw().records());
        // raw: 2,000 records over 1 s + 3 s of consuming
        assertEquals(500, pooled.raw().endToEndRecordsPerSecond(), 1e-9);
        assertArrayEquals(new long[] {10, 20, 30}, pooled.latencies().appendMillis());
        assertEquals(2.0, pooled.startupSeconds(), 1e-9);
        assertEquals(Map.of("CORRECT", 6L), pooled.expectedBacklog());
        assertEquals(Map.of("backlog", Map.of("CORRECT", 6L)), pooled.audit().verdictsByPrefix());
        assertEquals(4, pooled.audit().duplicates());
        assertNull(pooled.profile(), "a round without a profile leaves the pool without one");
    }

    @Test
    void shouldReturnASingleRoundAsItIs() {
        GraderBenchmark.Measurements a = round(10, 1.0, 1.0, 1.0, new long[] {1}, 0,
                AnswerMix.INTEGERS.questions(4, 1));
        assertSame(a, GraderBenchmark.Measurements.pool(List.of(a)));
    }

    private static GraderBenchmark.Measurements round(long records, double drainSeconds, double rawSeconds,
                                                      double startupSeconds, long[] latencies, long duplicates,
                                                      AnswerMix.Selection questions) {
        long consumedNanos = (long) (rawSeconds * 1e9);
        return new GraderBenchmark.Measurements(
                new ProduceConsumeResult(records, records * 100, consumedNanos / 2, consumedNanos),
                startupSeconds, records / drainSeconds, drainSeconds,
                new GradedReader.Latencies(latencies, latencies), 50, latencies.length,
                Map.of("CORRECT", 3L), Map.of(), new GradedAudit(Map.of("backlog", Map.of("CORRECT", 3L)), records,
                duplicates), questions, null);
    }
}
