package io.rollstream.grader.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerCheckerTest {

    private static AnswerChecker checker;

    @BeforeAll
    static void startChecker() {
        checker = new AnswerChecker(CheckerConfig.defaults());
        System.out.printf("computer algebra warm-up: %d ms%n", checker.warmUpTime().toMillis());
    }

    @AfterAll
    static void stopChecker() {
        checker.close();
    }

    private static Grade grade(String answer, String truth) {
        return checker.grade("Reasoning... so the answer is $\\boxed{" + answer + "}$.", truth);
    }

    private static void assertGradedWithin(Grade verdict, long startNanos, Duration limit) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        // A little slack over the limit for a loaded test machine; the point is seconds, not minutes.
        assertTrue(millis < limit.toMillis() + 1_000, verdict + " took " + millis + " ms");
    }

    @ParameterizedTest(name = "{0} is correct for {1}")
    @CsvSource(delimiter = '|', value = {
        "\\frac{\\sqrt{2}}{2} | \\frac{1}{\\sqrt{2}}",
        "x^2+2x+1 | (x+1)^2",
        "(a+5)(b+2) | ab+2a+5b+10",
        "\\cot x | \\frac{\\cos x}{\\sin x}",
        "\\sin^2 x + \\cos^2 x | 1",
        "-2+7i | 7i - 2",
        "\\frac{11+9a}{20} | \\frac{11}{20} + \\frac{9a}{20}",
        "3R^2 | 3 R^2",
        "2k+2 | 2(k+1)",
        "y = -2x | -2x",
        "(x+1)(x-1) | x^2-1",
        "\\left( \\frac{3}{2}, -13 \\right) | (1.5, -13)",
        "\\dfrac{33}{100} | 0.33",
        "5.4 \\text{ cents} | 5.4",
        "\\$32,\\!348 | 32348",
    })
    void shouldGradeEquivalentAnswersCorrect(String answer, String truth) {
        assertEquals(new Grade.Correct(answer), grade(answer, truth));
    }

    @ParameterizedTest(name = "{0} is wrong for {1}")
    @CsvSource(delimiter = '|', value = {
        "x^2+2x | (x+1)^2",
        "\\sqrt{2} | \\sqrt{3}",
        "0.33 | \\frac{1}{3}",
        "(1, 2) | (2, 1)",
        "x | 5",
        "1+i | 1-i",
        "\\text{(B)} | \\text{(C)}",
    })
    void shouldGradeDifferentAnswersWrong(String answer, String truth) {
        assertEquals(new Grade.Wrong(answer), grade(answer, truth));
    }

    /** Equivalences that math-verify and Qwen2.5-Math's math_equal accept, each worked out by hand. */
    @ParameterizedTest(name = "{0} is correct for {1}")
    @CsvSource(delimiter = '|', value = {
        "x \\ge 3 | 3 \\leq x",
        "x \\geq 3 | x \\ge 3",
        "x > 3 | 3 < x",
        "-2 < x \\leq 5 | 5 \\geqslant x > -2",
        "(x,y)=(1,2) | (1,2)",
        "(x, y) = (1, 2) | x=1, y=2",
        "x=1, y=2 | (1,2)",
        "y=2, x=1 | x=1, y=2",
        "1011_{2} | 1011_2",
        "0.\\overline{3} | \\frac{1}{3}",
        "0.(3) | \\frac13",
        "0.1\\overline{6} | \\frac{1}{6}",
        "−5 | -5",
        "\u2212\\frac{1}{2} | -0.5",
        "-\\infty | -inf",
        "+\\infty | \\infty",
        "(-\\infty, 3] | (-inf, 3]",
        "\\binom{5}{2} | 10",
        "\\dbinom{5}{2} | 10",
        "\\tbinom{6}{3} | \\binom{6}{3}",
    })
    void shouldGradeWhatTheAnchorCheckersAcceptCorrect(String answer, String truth) {
        assertEquals(new Grade.Correct(answer), grade(answer, truth));
    }

    /** Near misses of the cases above, and a change of unit, which no checker may accept. */
    @ParameterizedTest(name = "{0} is wrong for {1}")
    @CsvSource(delimiter = '|', value = {
        "x \\ge 3 | x > 3",
        "x \\ge 3 | x \\le 3",
        "x > 3 | x < 3",
        "x < 3 | 3 < x",
        "x \\ge 3 | 3",
        "(x,y)=(2,1) | (1,2)",
        "x=2, y=1 | (1,2)",
        "1011_2 | 11",
        "1011_2 | 1011_3",
        "0.\\overline{3} | 0.3",
        "0.(3) | 0.33",
        "5 | -5",
        "-\\infty | \\infty",
        "\\infty | 10^{10}",
        "\\binom{5}{2} | 20",
        "\\binom{5}{2} | \\frac{5}{2}",
        "50 \\text{ cents} | \\$0.50",
        "50 | \\$0.50",
        "0.5 \\text{ dollars} | 50 \\text{ cents}",
    })
    void shouldGradeNearMissesOfTheAnchorCasesWrong(String answer, String truth) {
        assertEquals(new Grade.Wrong(answer), grade(answer, truth));
    }

    @Test
    void shouldGradeAnEmptyBoxWrong() {
        assertEquals(new Grade.Wrong(""), checker.grade("\\boxed{}", "5"));
    }

    @Test
    void shouldGradeAResponseWithoutACompleteBoxUnformatted() {
        assertEquals(new Grade.Unformatted(), checker.grade("The answer is 5.", "5"));
        assertEquals(new Grade.Unformatted(), checker.grade("The answer is \\boxed{5", "5"));
    }

    @Test
    void shouldAcceptABoxedGroundTruth() {
        assertEquals(new Grade.Correct("1/2"), checker.grade("\\boxed{1/2}", "so $\\boxed{\\frac12}$"));
    }

    @Test
    void shouldExposeVerdictLabelsAndExtractedAnswers() {
        Grade correct = checker.grade("\\boxed{5}", "5");
        assertEquals("CORRECT", correct.name());
        assertEquals(Optional.of("5"), correct.extracted());
        assertEquals("WRONG", checker.grade("\\boxed{4}", "5").name());
        assertEquals("UNFORMATTED", checker.grade("4", "5").name());
        assertEquals("UNSCORABLE", checker.grade("\\boxed{4}", "").name());
    }

    @Test
    void shouldRefuseOversizedInputBeforeReadingIt() {
        String megabyte = "\\boxed{1}".repeat(120_000);
        long start = System.nanoTime();
        Grade verdict = checker.grade(megabyte, "1");
        assertGradedWithin(verdict, start, Duration.ZERO);
        Grade.Unscorable unscorable = assertInstanceOf(Grade.Unscorable.class, verdict);
        assertTrue(unscorable.reason().contains("over the limit of 16384"), unscorable.reason());
        assertInstanceOf(Grade.Unscorable.class, checker.grade("\\boxed{1}", "1".repeat(20_000)));
    }

    @Test
    void shouldAnswerHugeExponentsUnscorableQuickly() {
        for (String hostile : new String[] {"10^{10^{10}}", "9^{9^{9^{9}}}", "x^{10^{10}}", "2^{2^{2^{2^{2^{2}}}}}"}) {
            long start = System.nanoTime();
            Grade verdict = grade(hostile, "5");
            assertGradedWithin(verdict, start, Duration.ZERO);
            assertInstanceOf(Grade.Unscorable.class, verdict, hostile);
        }
    }

    @Test
    void shouldAnswerDeepNestingUnscorableQuickly() {
        String[] hostile = {
            "(".repeat(5_000) + "1" + ")".repeat(5_000),
            "\\frac{".repeat(1_500) + "1" + "}{2}".repeat(1_500),
            "\\sqrt{".repeat(2_000) + "4" + "}".repeat(2_000),
            "\\{".repeat(3_000) + "1" + "\\}".repeat(3_000),
            "{".repeat(7_000) + "1" + "}".repeat(7_000),
        };
        for (String answer : hostile) {
            long start = System.nanoTime();
            Grade verdict = grade(answer, "1");
            assertGradedWithin(verdict, start, Duration.ZERO);
            Grade.Unscorable unscorable = assertInstanceOf(Grade.Unscorable.class, verdict);
            assertTrue(unscorable.reason().contains("nested deeper"), unscorable.reason());
        }
    }

    @Test
    void shouldStopComputerAlgebraThatRunsPastTheTimeLimit() {
        Duration limit = Duration.ofMillis(300);
        try (AnswerChecker fast = new AnswerChecker(new CheckerConfig(16_384, limit, 1))) {
            long start = System.nanoTime();
            // Symja expands both sides to degree 1000 before it gives up: seconds of work.
            Grade verdict = fast.grade("\\boxed{(x+1)^{500}(x-1)^{500}}", "(x^2-1)^{500}");
            assertGradedWithin(verdict, start, limit);
            assertInstanceOf(Grade.Unscorable.class, verdict);
        }
    }

    @Test
    void shouldGradeConsistentlyFromManyThreads() throws Exception {
        String[][] cases = {
            {"x^2+2x+1", "(x+1)^2", "CORRECT"},
            {"x^2+2x", "(x+1)^2", "WRONG"},
            {"\\frac{1}{2}", "0.5", "CORRECT"},
            {"(1,2)", "(2,1)", "WRONG"},
            {"(a+5)(b+2)", "ab+2a+5b+10", "CORRECT"},
        };
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String[] c = cases[i % cases.length];
                results.add(callers.submit(() -> grade(c[0], c[1]).name()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(cases[i % cases.length][2], results.get(i).get(30, TimeUnit.SECONDS), "case " + i);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void shouldRejectInvalidConfiguration() {
        assertThrows(IllegalArgumentException.class, () -> new CheckerConfig(0, Duration.ofSeconds(1), 1));
        assertThrows(IllegalArgumentException.class, () -> new CheckerConfig(10, Duration.ZERO, 1));
        assertThrows(IllegalArgumentException.class, () -> new CheckerConfig(10, Duration.ofSeconds(1), 0));
        assertEquals(new CheckerConfig(16_384, Duration.ofSeconds(2), 2), CheckerConfig.defaults());
    }

    @Test
    void shouldRequireAReasonForUnscorable() {
        assertThrows(IllegalArgumentException.class, () -> new Grade.Unscorable(" "));
    }
}
