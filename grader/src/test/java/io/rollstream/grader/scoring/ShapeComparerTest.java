package io.rollstream.grader.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Structure and numbers only: the scalar comparer here has no computer algebra behind it. */
class ShapeComparerTest {

    private final ShapeComparer comparer = new ShapeComparer(new ScalarComparer(null));

    private Equivalence compare(String answer, String truth) {
        return comparer.compare(AnswerShape.of(AnswerNormaliser.normalise(answer)),
                AnswerShape.of(AnswerNormaliser.normalise(truth)), Deadline.after(Duration.ofSeconds(2)));
    }

    @Test
    void shouldReadTuplesIntervalsSetsAndMatrices() {
        assertEquals(new AnswerShape.Ordered('(', ']', List.of(new AnswerShape.Scalar("3"), new AnswerShape.Scalar("4"))),
                AnswerShape.of("(3,4]"));
        assertInstanceOf(AnswerShape.Unordered.class, AnswerShape.of("\\{1,2\\}"));
        assertEquals(AnswerShape.Unordered.Kind.UNION,
                ((AnswerShape.Unordered) AnswerShape.of("(-\\infty,2)\\cup(3,\\infty)")).kind());
        AnswerShape.Ordered matrix = (AnswerShape.Ordered) AnswerShape.of("\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}");
        assertEquals(2, matrix.elements().size());
        assertInstanceOf(AnswerShape.Scalar.class, AnswerShape.of("(a+5)(b+2)"));
    }

    @Test
    void shouldReadInequalitiesPointingUpAndNamedValues() {
        assertEquals(new AnswerShape.Relation(List.of("\\le", "<"),
                        List.of(new AnswerShape.Scalar("1"), new AnswerShape.Scalar("x"), new AnswerShape.Scalar("5"))),
                AnswerShape.of("5>x\\ge1"));
        assertInstanceOf(AnswerShape.Scalar.class, AnswerShape.of("1<x>0"));
        assertEquals(new AnswerShape.Assignments(List.of("y", "x"),
                        List.of(new AnswerShape.Scalar("2"), new AnswerShape.Scalar("1"))),
                AnswerShape.of("y=2,x=1"));
        assertInstanceOf(AnswerShape.Unordered.class, AnswerShape.of("x=1,x=2"));
    }

    @ParameterizedTest(name = "{0} equals {1}")
    @CsvSource(delimiter = '|', value = {
        "(1,2) | (1, 2)",
        "(0.5, 3) | (\\frac{1}{2}, 3)",
        "\\left( 3, \\frac{\\pi}{2} \\right) | (3, 1.5707963)",
        "[-2, 7] | x \\in [-2,7]",
        "(-\\infty, 0] | (-\\infty,0]",
        "\\{1, 2, 3\\} | \\{3, 1, 2\\}",
        "3, 5, 7 | 7, 3, 5",
        "-2, 1 | 1, -2",
        "(2, 3) \\cup (5, 7) | (5, 7) \\cup (2, 3)",
        "1+\\sqrt{19}, 1-\\sqrt{19} | 1 \\pm \\sqrt{19}",
        "\\begin{pmatrix} 0.5 \\\\ 2 \\end{pmatrix} | \\begin{pmatrix} 1/2 \\\\ 2 \\end{pmatrix}",
        "\\{1\\pm\\sqrt{5},-2\\} | \\{-2, 1-\\sqrt{5}, 1+\\sqrt{5}\\}",
        "\\begin{bmatrix} -\\frac{1}{3} \\\\ \\frac{2}{3} \\end{bmatrix} | \\begin{pmatrix} -1/3 \\\\ 2/3 \\end{pmatrix}",
        "x \\ge 3 | 3 \\le x",
        "x > \\frac{1}{2} | 0.5 < x",
        "1 < x \\le 3 | 3 \\ge x > 1",
        "x < 1, x > 3 | x > 3, x < 1",
        "x=1, y=2 | (1, 2)",
        "x=1, y=2 | y=2.0, x=1",
        "x=-1, y=\\frac{1}{2} | -1, 0.5",
    })
    void shouldMatchEquivalentStructures(String answer, String truth) {
        assertEquals(Equivalence.EQUAL, compare(answer, truth));
    }

    @ParameterizedTest(name = "{0} differs from {1}")
    @CsvSource(delimiter = '|', value = {
        "(2,1) | (1,2)",
        "(1,2) | [1,2]",
        "[1,2) | [1,2]",
        "(1,2,3) | (1,2)",
        "(1,2) | \\{1,2\\}",
        "\\{1, 2\\} | \\{1, 3\\}",
        "\\{1, 1\\} | \\{1, 2\\}",
        "(2, 3) \\cup (5, 7) | (2, 3)",
        "(2, 3) \\cup (5, 7) | (2, 3), (5, 7)",
        "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix} | \\begin{pmatrix} 2 \\\\ 1 \\end{pmatrix}",
        "5 | (5, 5)",
        "x \\ge 3 | x > 3",
        "1 < x < 3 | 1 < x \\le 3",
        "x=1, y=2 | (2, 1)",
        "x=1, y=2 | x=2, y=1",
        "x=1, y=2 | x=1, z=2",
        "x=1, y=2 | [1, 2]",
    })
    void shouldRejectDifferentStructuresOrOrders(String answer, String truth) {
        assertEquals(Equivalence.NOT_EQUAL, compare(answer, truth));
    }

    @Test
    void shouldBeUndecidableWhenAlgebraIsNeededButAbsent() {
        assertInstanceOf(Equivalence.Undecidable.class, compare("(x+1)^2", "x^2+2x+1"));
    }

    @Test
    void shouldRefuseMoreElementsThanTheLimit() {
        String many = "1,".repeat(AnswerShape.MAX_ELEMENTS + 1) + "1";
        LatexExpression.SyntaxException e = assertThrows(
                LatexExpression.SyntaxException.class, () -> AnswerShape.of(many));
        assertTrue(e.isLimit());
    }
}
