package io.rollstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void shouldTakeTheNearestRankOfUnsortedValues() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i; // 100 .. 1
        }
        Percentiles p = Percentiles.of(values);
        assertEquals(new Percentiles(100, 50, 99, 100, 50.5), p);
        assertEquals(100, values[0], "the input is left as it was");
    }

    @Test
    void shouldGiveTheOnlyValueForEveryPercentileOfOne() {
        assertEquals(new Percentiles(1, 7, 7, 7, 7), Percentiles.of(new long[] {7}));
    }

    @Test
    void shouldRoundTheRankUpForSmallSets() {
        // 10 values: p50 is the 5th, p99 the 10th.
        Percentiles p = Percentiles.of(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertEquals(5, p.p50());
        assertEquals(10, p.p99());
    }

    @Test
    void shouldRefuseAnEmptySet() {
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[0]));
    }
}
