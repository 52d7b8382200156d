package io.rollstream.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The unbiased pass@k estimator against values worked from binomial coefficients. */
class PassAtKTest {

    @Test
    void shouldMatchOneMinusTheChanceThatAllKDrawnAttemptsAreWrong() {
        // 1 - C(3,2)/C(4,2) = 1 - 3/6
        assertEquals(0.5, PassAtK.unbiased(4, 1, 2), 1e-12);
        // 1 - C(3,2)/C(5,2) = 1 - 3/10
        assertEquals(0.7, PassAtK.unbiased(5, 2, 2), 1e-12);
        // 1 - C(3,1)/C(4,1) = 1 - 3/4
        assertEquals(0.25, PassAtK.unbiased(4, 1, 1), 1e-12);
    }

    @Test
    void shouldBeZeroWithNoCorrectAttemptAndOneWithAllCorrect() {
        for (int k = 1; k <= 4; k++) {
            assertEquals(0.0, PassAtK.unbiased(4, 0, k), 1e-12);
        }
        assertEquals(1.0, PassAtK.unbiased(4, 4, 1), 1e-12);
    }

    @Test
    void shouldBeOneWhenFewerThanKAttemptsAreWrong() {
        // only 1 wrong attempt, so any 2 drawn include a correct one: C(1,2) = 0
        assertEquals(1.0, PassAtK.unbiased(4, 3, 2), 1e-12);
    }

    @Test
    void shouldNotOverflowForManyAttempts() {
        // 1 - C(999,10)/C(1000,10) = 1 - 990/1000
        assertEquals(0.01, PassAtK.unbiased(1000, 1, 10), 1e-12);
    }

    @Test
    void shouldRejectCountsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> PassAtK.unbiased(4, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> PassAtK.unbiased(4, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> PassAtK.unbiased(4, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> PassAtK.unbiased(4, 1, 5));
    }
}
