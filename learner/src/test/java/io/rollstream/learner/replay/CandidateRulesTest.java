package io.rollstream.learner.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The batch's bar: the absolute value, or the top share's lowest value when that is lower. */
class CandidateRulesTest {

    @Test
    void shouldLowerTheBarToTheTopShareOfTheBatch() {
        float[] offered = {0.9f, 0.1f, -0.3f, -0.5f};
        // top 50% of 4 = 2 states: 0.9 and 0.1, so the bar is min(0.25, 0.1) = 0.1
        assertEquals(0.1f, new CandidateRules(0.25f, 2, 0.5).threshold(offered));
        // top 25% of 4 = 1 state, 0.9: above the absolute bar, which stays
        assertEquals(0.25f, new CandidateRules(0.25f, 2, 0.25).threshold(offered));
        // every state: the lowest
        assertEquals(-0.5f, new CandidateRules(0.25f, 2, 1).threshold(offered));
        assertArrayEquals(new float[] {0.9f, 0.1f, -0.3f, -0.5f}, offered, "the values are not reordered");
    }

    @Test
    void shouldRoundTheTopShareUpToWholeStates() {
        // 10% of 5 = 0.5, so 1 state (-0.2); 10% of 30 = 3 states despite 0.1 * 30 = 3.0000000000000004
        assertEquals(-0.2f, new CandidateRules(0.25f, 2, 0.1).threshold(new float[] {-0.4f, -0.2f, -0.45f, -0.3f,
                -0.5f}));
        float[] thirty = new float[30];
        for (int i = 0; i < 30; i++) {
            thirty[i] = -i / 100f; // 0, -0.01, ..., -0.29
        }
        assertEquals(-0.02f, new CandidateRules(0.25f, 2, 0.1).threshold(thirty));
    }

    @Test
    void shouldKeepTheAbsoluteBarWithNoShareOrNoStates() {
        assertEquals(0.25f, new CandidateRules(0.25f, 2, 0).threshold(new float[] {-0.4f, -0.3f}));
        assertEquals(0.25f, CandidateRules.defaults().threshold(new float[0]));
    }

    @Test
    void shouldRefuseAShareOutsideZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new CandidateRules(0.25f, 2, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new CandidateRules(0.25f, 2, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new CandidateRules(0.25f, 2, Double.NaN));
        assertEquals(0.3, CandidateRules.defaults().withTopFraction(0.3).topFraction());
    }
}
