package io.rollstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.grader.scoring.AnswerChecker;
import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.grader.scoring.Grade;
import io.rollstream.tasks.TaskItem;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerMixTest {

    private static TaskItem item(String id, String answer) {
        return new TaskItem(id, "problem " + id, answer, "solution", "math500", "test");
    }

    @Test
    void shouldScriptAFractionWithARewritingAndANearMiss() {
        AnswerMix.Selection selection = AnswerMix.math500(List.of(item("a", "\\frac{2}{3}")), 5, 1);
        ScriptedQuestion q = selection.questions().get(0);
        assertEquals("\\frac{2}{3}", q.answer());
        assertEquals("\\dfrac{2}{3}", q.equivalentAnswer(), "the first value-keeping rewriting that applies");
        assertEquals("0.67", q.wrongAnswer(), "the first near miss that applies: rounded to two decimals");
    }

    @Test
    void shouldSkipAFractionWhoseOnlyNearMissWouldBeItsExactValue() {
        // 3/4 rounded to two decimals is 0.75, its own value, so no near miss applies.
        AnswerMix.Selection selection = AnswerMix.math500(List.of(item("a", "\\frac{3}{4}"), item("b", "7")), 5, 1);
        assertEquals(List.of("b"), selection.questions().stream().map(ScriptedQuestion::questionId).toList());
        ScriptedQuestion seven = selection.questions().get(0);
        assertEquals("7.00", seven.equivalentAnswer());
        assertEquals("8", seven.wrongAnswer());
    }

    @Test
    void shouldSkipAnAnswerNoRewritingApplies() {
        AnswerMix.Selection selection = AnswerMix.math500(List.of(item("a", "\\text{Evelyn}"), item("b", "7")), 5, 1);
        assertEquals(1, selection.questions().size());
        assertEquals("b", selection.questions().get(0).questionId());
        assertEquals(2, selection.considered());
        assertEquals(1, selection.unscripted());
    }

    @Test
    void shouldStopAtTheCountAndDrawTheSameQuestionsForTheSameSeed() {
        List<TaskItem> items = List.of(item("a", "1"), item("b", "2"), item("c", "3"), item("d", "4"),
                item("e", "5"), item("f", "6"));
        AnswerMix.Selection one = AnswerMix.math500(items, 3, 7);
        AnswerMix.Selection two = AnswerMix.math500(items, 3, 7);
        assertEquals(3, one.questions().size());
        assertEquals(3, one.considered());
        assertEquals(one.questions(), two.questions());
    }

    @Test
    void shouldScriptEveryBundledMath500QuestionItKeepsAsTheCheckerGradesIt() {
        AnswerMix.Selection selection = AnswerMix.MATH500.questions(120, 42);
        assertEquals(120, selection.questions().size());
        assertTrue(selection.unscripted() < selection.considered());
        try (AnswerChecker checker = new AnswerChecker(CheckerConfig.defaults())) {
            for (ScriptedQuestion q : selection.questions()) {
                assertInstanceOf(Grade.Correct.class, checker.grade("\\boxed{" + q.equivalentAnswer() + "}", q.answer()));
                assertInstanceOf(Grade.Wrong.class, checker.grade("\\boxed{" + q.wrongAnswer() + "}", q.answer()));
                assertNotEquals(q.answer(), q.equivalentAnswer());
            }
        }
    }

    @Test
    void shouldGiveIntegersOnlyForTheIntegerMix() {
        for (ScriptedQuestion q : AnswerMix.INTEGERS.questions(30, 1).questions()) {
            assertTrue(q.answer().matches("\\d+"), q.answer());
        }
        assertEquals(6, AnswerMix.SHAPES.questions(6, 1).questions().stream()
                .map(q -> q.answer().replaceAll("\\d+", "n")).distinct().count());
    }

    @Test
    void shouldNameTheMixesWhenOneIsUnknown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AnswerMix.of("latex"));
        assertEquals("unknown answer mix 'latex'; expected one of shapes, integers, math500", e.getMessage());
        assertEquals(AnswerMix.MATH500, AnswerMix.of("MATH500"));
    }
}
