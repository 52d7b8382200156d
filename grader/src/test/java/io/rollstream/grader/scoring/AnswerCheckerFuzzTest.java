package io.rollstream.grader.scoring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Grading a boxed answer against a ground truth, symbolic comparison included, never throws, never takes much
 * longer than the checker's time limit, and never ends in the last-resort "checker failed" verdict that only an
 * unexpected exception produces.
 */
class AnswerCheckerFuzzTest {

    private static final Duration TIME_LIMIT = Duration.ofSeconds(1);
    /** Room for a garbage collection or a busy machine; a real hang overshoots by far more. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    private static AnswerChecker checker;

    @BeforeAll
    static void startChecker() {
        checker = new AnswerChecker(new CheckerConfig(CheckerConfig.DEFAULT_MAX_INPUT_CHARS, TIME_LIMIT, 2));
    }

    @AfterAll
    static void stopChecker() {
        checker.close();
    }

    @DictionaryEntries({"\\frac{", "\\sqrt{", "^{", "\\pi", "\\cdot", "\\times", "\\sin", "\\ln", "\\log",
        "e^", "i", "x", "y", "+", "-", "*", "/", "(", ")", "{", "}", "\\{", "\\}", ",", "\\pm", "\\cup", "[",
        "]", "1.5e3", "3\\frac{1}{2}", "10^{", "!", "\\infty", "\\text{"})
    @FuzzTest(maxDuration = "60s")
    void shouldGradeAnyAnswerWithinTheTimeLimit(@NotNull String answer, @NotNull String truth) {
        long start = System.nanoTime();
        Grade verdict = checker.grade("so the answer is \\boxed{" + answer + "}", truth);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(took.compareTo(TIME_LIMIT.plus(SLACK)) <= 0,
                () -> "grading took " + took.toMillis() + " ms, limit " + TIME_LIMIT.toMillis() + " ms: " + verdict);
        if (verdict instanceof Grade.Unscorable u) {
            assertFalse(u.reason().startsWith("checker failed"), u::reason);
        }
    }
}
