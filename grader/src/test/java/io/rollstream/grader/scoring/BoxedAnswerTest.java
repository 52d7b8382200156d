package io.rollstream.grader.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoxedAnswerTest {

    @Test
    void shouldExtractTheContentOfASimpleBox() {
        assertEquals(Optional.of("42"), BoxedAnswer.extractLast("The answer is $\\boxed{42}$."));
    }

    @Test
    void shouldTakeTheLastBoxWhenThereAreSeveral() {
        assertEquals(Optional.of("7"), BoxedAnswer.extractLast("first \\boxed{3}, then on reflection \\boxed{7}"));
    }

    @Test
    void shouldMatchNestedBraces() {
        assertEquals(Optional.of("\\frac{\\sqrt{2}}{2}"), BoxedAnswer.extractLast("so \\boxed{\\frac{\\sqrt{2}}{2}} done"));
    }

    @Test
    void shouldKeepEscapedBracesOfASet() {
        assertEquals(Optional.of("\\{1, 2\\}"), BoxedAnswer.extractLast("\\boxed{\\{1, 2\\}}"));
    }

    @Test
    void shouldReadFbox() {
        assertEquals(Optional.of("12"), BoxedAnswer.extractLast("answer: \\fbox{12}"));
    }

    @Test
    void shouldPreferWhicheverOfBoxedAndFboxComesLast() {
        assertEquals(Optional.of("b"), BoxedAnswer.extractLast("\\fbox{a} and \\boxed{b}"));
        assertEquals(Optional.of("a"), BoxedAnswer.extractLast("\\boxed{b} and \\fbox{a}"));
    }

    @Test
    void shouldReadABoxWithoutBraces() {
        assertEquals(Optional.of("5"), BoxedAnswer.extractLast("so $\\boxed 5$"));
    }

    @Test
    void shouldReturnAnEmptyContentForAnEmptyBox() {
        assertEquals(Optional.of(""), BoxedAnswer.extractLast("\\boxed{}"));
    }

    @Test
    void shouldFindNothingWithoutABox() {
        assertTrue(BoxedAnswer.extractLast("the answer is 42").isEmpty());
        assertTrue(BoxedAnswer.extractLast(null).isEmpty());
    }

    @Test
    void shouldFindNothingWhenTheLastBoxIsNeverClosed() {
        assertTrue(BoxedAnswer.extractLast("\\boxed{3} but wait \\boxed{\\frac{1}{2}").isEmpty());
    }

    @Test
    void shouldIgnoreCommandsThatOnlyStartLikeABox() {
        assertEquals(Optional.of("1"), BoxedAnswer.extractLast("\\boxed{1} \\boxedtext{2}"));
    }

    @Test
    void shouldStayLinearOnAMegabyteOfOpenBraces() {
        String hostile = "\\boxed{" + "{".repeat(1_000_000);
        long start = System.nanoTime();
        assertTrue(BoxedAnswer.extractLast(hostile).isEmpty());
        assertTrue(System.nanoTime() - start < 2_000_000_000L);
    }
}
