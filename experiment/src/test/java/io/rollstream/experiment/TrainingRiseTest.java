package io.rollstream.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.eval.stats.Interval;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingRiseTest {

    @Test
    void shouldAverageEachSeedsRise() {
        // Seed 1: 0.2 -> 0.5 (+0.3); seed 2: 0.0 -> 0.1 (+0.1); mean +0.2. Constant windows leave no spread
        // within a seed, so the interval spans the seeds' rises only.
        Interval rise = TrainingRise.of(List.of(new double[] {0.2, 0.2}, new double[] {0.0, 0.0}),
                List.of(new double[] {0.5, 0.5}, new double[] {0.1, 0.1}), 2_000, 3);
        assertEquals(0.2, rise.mean(), 1e-12);
        assertEquals(0.1, rise.low(), 1e-12);
        assertEquals(0.3, rise.high(), 1e-12);
    }

    @Test
    void shouldWidenWithTheNoiseWithinAWindow() {
        Interval rise = TrainingRise.of(List.of(new double[] {0, 1, 0, 1, 0, 1, 0, 1}),
                List.of(new double[] {1, 1, 1, 1, 1, 1, 0, 1}), 2_000, 3);
        assertEquals(0.375, rise.mean(), 1e-12);
        assertTrue(rise.low() < 0.2 && rise.high() > 0.55, rise.toString());
    }

    @Test
    void shouldRejectMismatchedWindows() {
        assertThrows(IllegalArgumentException.class,
                () -> TrainingRise.of(List.of(new double[] {1}), List.of(), 1_000, 1));
        assertThrows(IllegalArgumentException.class,
                () -> TrainingRise.of(List.of(new double[] {}), List.of(new double[] {1}), 1_000, 1));
    }
}
