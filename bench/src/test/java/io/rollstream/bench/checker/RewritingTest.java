package io.rollstream.bench.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RewritingTest {

    @ParameterizedTest(name = "{0} writes {1} as {2}")
    @CsvSource(delimiter = '|', value = {
        "DECIMAL | \\frac{3}{4} | 0.75",
        "DECIMAL | -7/8 | -0.875",
        "FRACTION | 0.25 | \\frac{1}{4}",
        "FRACTION | -12.8 | -\\frac{64}{5}",
        "THOUSANDS | 1234567 | '1,234,567'",
        "TRAILING_ZEROS | 27 | 27.00",
        "DOLLARS | 18 | \\$18",
        "ASSIGNMENT | \\frac{\\pi}{2} | x = \\frac{\\pi}{2}",
        "NAMED_TUPLE | (1,-2) | '(x,y) = (1,-2)'",
        "REORDER | '\\{1,2,3\\}' | '\\{3,2,1\\}'",
        "REORDER | '-1, 4' | '4,-1'",
        "RELATION_FLIP | x \\ge 3 | 3 \\le x",
        "RELATION_SPELLING | x \\le 3 | x \\leq 3",
        "RELATION_SPELLING | x \\geq 3 | x \\ge 3",
        "UNICODE_MINUS | -5 | \u22125",
        "SIZED_BRACKETS | '(0, 1]' | '\\left( 0, 1 \\right]'",
        "BARE_ARGUMENTS | \\frac{1}{2}+\\sqrt{3} | \\frac12+\\sqrt3",
        "SPACING | '2x+1,3' | '2x + 1, 3'",
        "OFF_BY_ONE | 41 | 42",
        "WRONG_SIGN | 3.5 | -3.5",
        "WRONG_SIGN | -2 | 2",
        "CENTS | 0.5 | 50 \\text{ cents}",
        "CENTS | 18 | 1800 \\text{ cents}",
        "ROUNDED | \\frac{1}{3} | 0.33",
        "ROUNDED | 2.125 | 2.13",
        "SWAPPED | (1,2,3) | (2,1,3)",
        "DROPPED | '\\{1,2,3\\}' | '\\{1,2\\}'",
        "RELATION_TURNED | x \\ge 3 | x \\le 3",
        "BRACKET | '[2, 5)' | '(2, 5)'",
        "DROPPED_BASE | 1011_2 | 1011",
        "ASSIGNMENTS | (3,-1) | 'x = 3, y = -1'",
        "REPEATING | \\frac{1}{3} | 0.\\overline{3}",
        "REPEATING | \\frac{1}{6} | 0.1\\overline{6}",
        "REPEATING | -\\frac{15}{7} | -2.\\overline{142857}",
        "BINOMIAL | 10 | \\dbinom{10}{9}",
        "UNICODE_INFINITY | '(-\\infty, 2)' | '(-\u221e, 2)'",
        "BRACKET | '(-\\infty, 0]' | '(-\\infty, 0)'",
        "SPACING | '1,2' | '1, 2'",
    })
    void shouldRewriteByHand(Rewriting rewriting, String truth, String expected) {
        assertEquals(Optional.of(expected), rewriting.apply(truth));
    }

    @ParameterizedTest(name = "{0} does not apply to {1}")
    @CsvSource(delimiter = '|', value = {
        "DECIMAL | \\frac{1}{3}",
        "DECIMAL | \\frac{4}{2}",
        "FRACTION | 12",
        "THOUSANDS | 9999",
        "ROUNDED | \\frac{1}{4}",
        "ROUNDED | 7",
        "WRONG_SIGN | 0",
        "SWAPPED | (1,1)",
        "SWAPPED | [1,2]",
        "REORDER | (1,2)",
        "RELATION_FLIP | 1 < x < 3",
        "UNICODE_MINUS | 5",
        "DFRAC | 5",
        "BRACKET | (1,2)",
        "REPEATING | \\frac{3}{4}",
        "BINOMIAL | 1",
        "ASSIGNMENT | \\text{Evelyn}",
        "SPACING | '10,\\!080'",
        "SPACING | '1,000'",
        "REORDER | '58,500'",
        "DROPPED | '1,234,567'",
    })
    void shouldNotApplyOutsideItsShape(Rewriting rewriting, String truth) {
        assertEquals(Optional.empty(), rewriting.apply(truth));
    }
}
