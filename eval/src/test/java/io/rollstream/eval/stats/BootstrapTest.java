package io.rollstream.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Percentile bootstrap intervals over questions, and over seeds then questions. */
class BootstrapTest {

    private static final int RESAMPLES = 2000;

    @Test
    void shouldInterpolateBetweenTheTwoNearestRanks() {
        double[] sorted = {1, 2, 3, 4, 5};

        assertEquals(2.0, Bootstrap.percentile(sorted, 0.25), 1e-12);
        // position 0.1 * 4 = 0.4: 1 + 0.4 * (2 - 1)
        assertEquals(1.4, Bootstrap.percentile(sorted, 0.1), 1e-12);
        // position 0.975 * 4 = 3.9: 4 + 0.9 * (5 - 4)
        assertEquals(4.9, Bootstrap.percentile(sorted, 0.975), 1e-12);
        assertEquals(1.0, Bootstrap.percentile(sorted, 0.0), 1e-12);
        assertEquals(5.0, Bootstrap.percentile(sorted, 1.0), 1e-12);
        assertEquals(7.0, Bootstrap.percentile(new double[] {7}, 0.5), 1e-12);
    }

    @Test
    void shouldGiveAZeroWidthIntervalForConstantValues() {
        double[] values = new double[40];
        Arrays.fill(values, 0.75);

        Interval interval = Bootstrap.overQuestions(values, RESAMPLES, 1);

        assertEquals(0.75, interval.mean(), 1e-12);
        assertEquals(0.75, interval.low(), 1e-12);
        assertEquals(interval.low(), interval.high());
    }

    @Test
    void shouldGiveTheSameIntervalForTheSameSeed() {
        double[] values = halfOnes(100);

        assertEquals(Bootstrap.overQuestions(values, RESAMPLES, 42), Bootstrap.overQuestions(values, RESAMPLES, 42));
        assertNotEquals(Bootstrap.overQuestions(values, RESAMPLES, 42), Bootstrap.overQuestions(values, RESAMPLES, 43));
        List<double[]> perSeed = List.of(values, halfOnes(20));
        assertEquals(Bootstrap.overSeedsAndQuestions(perSeed, RESAMPLES, 7),
                Bootstrap.overSeedsAndQuestions(perSeed, RESAMPLES, 7));
    }

    @Test
    void shouldCoverAboutTwoStandardErrorsAroundAHalfShare() {
        // 50 ones and 50 zeros: standard error sqrt(0.5 * 0.5 / 100) = 0.05, so about 0.40..0.60
        Interval interval = Bootstrap.overQuestions(halfOnes(100), RESAMPLES, 3);

        assertEquals(0.5, interval.mean(), 1e-12);
        assertTrue(interval.low() > 0.38 && interval.low() < 0.45, interval.format(3));
        assertTrue(interval.high() > 0.55 && interval.high() < 0.62, interval.format(3));
    }

    @Test
    void shouldResampleSeedsSoThatTwoUnlikeSeedsSpanBothValues() {
        // Two drawn seeds give a mean of 0, 0.5 or 1 with chances 1/4, 1/2, 1/4: the 2.5th and 97.5th
        // percentiles are 0 and 1.
        double[] zeros = new double[30];
        double[] ones = new double[30];
        Arrays.fill(ones, 1.0);

        Interval interval = Bootstrap.overSeedsAndQuestions(List.of(zeros, ones), RESAMPLES, 5);

        assertEquals(0.5, interval.mean(), 1e-12);
        assertTrue(interval.low() <= 0.01, interval.format(3));
        assertTrue(interval.high() >= 0.99, interval.format(3));
    }

    @Test
    void shouldWeighEverySeedTheSameWhateverItsNumberOfQuestions() {
        double[] tenZeros = new double[10];
        double[] twoOnes = {1, 1};

        Interval interval = Bootstrap.overSeedsAndQuestions(List.of(tenZeros, twoOnes), RESAMPLES, 5);

        assertEquals(0.5, interval.mean(), 1e-12);
    }

    @Test
    void shouldMatchTheQuestionBootstrapWithASingleSeed() {
        double[] values = {1, 0, 0, 1, 1, 0, 1, 1, 0.5, 0};

        assertEquals(Bootstrap.overQuestions(values, RESAMPLES, 11),
                Bootstrap.overSeedsAndQuestions(List.<double[]>of(values), RESAMPLES, 11));
    }

    @Test
    void shouldRejectEmptyInputsAndTooFewResamples() {
        assertMessage("values is empty", () -> Bootstrap.overQuestions(new double[0], RESAMPLES, 1));
        assertMessage("too few resamples: 99", () -> Bootstrap.overQuestions(new double[] {1}, 99, 1));
        assertMessage("perSeed is empty", () -> Bootstrap.overSeedsAndQuestions(List.of(), RESAMPLES, 1));
        assertMessage("values of seed 1 is empty",
                () -> Bootstrap.overSeedsAndQuestions(List.of(new double[] {1}, new double[0]), RESAMPLES, 1));
        assertMessage("too few resamples: 10",
                () -> Bootstrap.overSeedsAndQuestions(List.<double[]>of(new double[] {1}), 10, 1));
        assertMessage("no values", () -> Bootstrap.percentile(new double[0], 0.5));
        assertMessage("q must be between 0 and 1", () -> Bootstrap.percentile(new double[] {1}, 1.5));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static double[] halfOnes(int n) {
        double[] values = new double[n];
        for (int i = 0; i < n / 2; i++) {
            values[i] = 1.0;
        }
        return values;
    }
}
