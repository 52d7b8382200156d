package io.rollstream.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** An interval compares its ends to a number, prints with fixed decimals, and scales all three numbers. */
class IntervalTest {

    private final Interval interval = new Interval(0.4123, 0.38, 0.4449);

    @Test
    void shouldBeAboveOrBelowOnlyWhenTheWholeIntervalIs() {
        assertTrue(interval.above(0.0));
        assertFalse(interval.above(0.38));
        assertFalse(interval.above(0.4));
        assertTrue(interval.below(0.5));
        assertFalse(interval.below(0.4449));
        assertFalse(interval.below(0.4));
    }

    @Test
    void shouldFormatWithTheGivenDecimals() {
        assertEquals("0.412 [0.380, 0.445]", interval.format(3));
        assertEquals("0.4 [0.4, 0.4]", interval.format(1));
    }

    @Test
    void shouldScaleAllThreeNumbers() {
        Interval percent = interval.scaled(100);

        assertEquals(41.23, percent.mean(), 1e-9);
        assertEquals(38.0, percent.low(), 1e-9);
        assertEquals(44.49, percent.high(), 1e-9);
    }

    @Test
    void shouldKeepTheLowEndLowWhenScaledByANegativeFactor() {
        Interval flipped = new Interval(0.5, 0.25, 0.75).scaled(-2);

        assertEquals(new Interval(-1.0, -1.5, -0.5), flipped);
    }
}
