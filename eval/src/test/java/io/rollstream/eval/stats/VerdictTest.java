package io.rollstream.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The verdict follows the sign of the difference only when its interval excludes 0. */
class VerdictTest {

    @Test
    void shouldReproduceWhenTheIntervalIsAboveZero() {
        assertEquals(Verdict.REPRODUCED, Verdict.of(new Interval(0.05, 0.01, 0.09)));
    }

    @Test
    void shouldReverseWhenTheIntervalIsBelowZero() {
        assertEquals(Verdict.REVERSED, Verdict.of(new Interval(-0.05, -0.09, -0.01)));
    }

    @Test
    void shouldBeInconclusiveWhenTheIntervalTouchesOrStraddlesZero() {
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(new Interval(0.05, -0.01, 0.09)));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(new Interval(0.05, 0.0, 0.09)));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(new Interval(-0.05, -0.09, 0.0)));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(new Interval(0.0, 0.0, 0.0)));
    }

    @Test
    void shouldBeInconclusiveWhenTheEstimateDisagreesWithTheInterval() {
        assertEquals(Verdict.INCONCLUSIVE, Verdict.of(new Interval(-0.01, 0.02, 0.09)));
    }

    @Test
    void shouldReadEachVerdictInPlainEnglish() {
        assertTrue(Verdict.REPRODUCED.sentence().startsWith("reproduced: "));
        assertTrue(Verdict.REPRODUCED.sentence().contains("above 0"));
        assertTrue(Verdict.REVERSED.sentence().contains("below 0"));
        assertTrue(Verdict.INCONCLUSIVE.sentence().contains("includes 0"));
    }
}
