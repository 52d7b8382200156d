package io.rollstream.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rollstream.experiment.OneShotSelection.Candidate;
import io.rollstream.experiment.OneShotSelection.Rollout;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneShotSelectionTest {

    @Test
    void varianceDividesByTheCount() {
        // {0.25, 0.75}: mean 0.5, squared deviations 0.0625 each, / 2 = 0.0625.
        assertEquals(0.0625, OneShotSelection.variance(new double[] {0.25, 0.75}), 1e-12);
        // {0, 0.5, 1}: mean 0.5, deviations 0.25 + 0 + 0.25 = 0.5, / 3.
        assertEquals(0.5 / 3, OneShotSelection.variance(new double[] {0, 0.5, 1}), 1e-12);
        assertEquals(0, OneShotSelection.variance(new double[] {0.4}));
        assertEquals(0, OneShotSelection.variance(new double[0]));
    }

    @Test
    void historiesFollowTheOrderGroupsWereOpened() {
        List<Rollout> rollouts = List.of(
                // q1's later group (opened at 20): 1 of 2 solved.
                new Rollout("q1", "g-late", 20, true), new Rollout("q1", "g-late", 21, false),
                // q1's earlier group (opened at 10): 0 of 2.
                new Rollout("q1", "g-early", 11, false), new Rollout("q1", "g-early", 10, false),
                // q2: one group, 2 of 2.
                new Rollout("q2", "h", 5, true), new Rollout("q2", "h", 6, true),
                // not in the pool.
                new Rollout("q9", "x", 1, true));
        List<Candidate> c = OneShotSelection.candidates(List.of("q1", "q2", "q3"), rollouts);
        assertEquals(3, c.size());
        assertArrayEquals(new double[] {0, 0.5}, c.get(0).history(), 1e-12);
        assertEquals(0.0625, c.get(0).variance(), 1e-12);
        assertArrayEquals(new double[] {1}, c.get(1).history(), 1e-12);
        assertEquals(0, c.get(1).variance());
        assertEquals(0, c.get(2).history().length);
        assertEquals(2, c.get(2).poolIndex());
    }

    @Test
    void theLargestVarianceWinsAndTiesGoToTheEarlier() {
        Candidate a = new Candidate("a", 0, new double[] {0, 0}, 0);
        Candidate b = new Candidate("b", 1, new double[] {0, 0.5}, 0.0625);
        Candidate c = new Candidate("c", 2, new double[] {0.5, 0}, 0.0625);
        assertEquals("b", OneShotSelection.choose(List.of(a, b, c)).questionId());
        assertEquals("a", OneShotSelection.choose(List.of(a, new Candidate("z", 1, new double[0], 0)))
                .questionId());
        assertThrows(IllegalArgumentException.class, () -> OneShotSelection.choose(List.of()));
    }

    @Test
    void saturationIsTheFirstValueAtTheThreshold() {
        assertEquals(2, OneShotSelection.firstAtLeast(new double[] {0.5, 0.85, 0.9, 1}, 0.9));
        assertEquals(-1, OneShotSelection.firstAtLeast(new double[] {0.5, 0.85}, 0.9));
        assertEquals(-1, OneShotSelection.firstAtLeast(new double[0], 0.9));
    }
}
