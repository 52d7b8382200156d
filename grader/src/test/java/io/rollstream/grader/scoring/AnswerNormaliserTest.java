package io.rollstream.grader.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerNormaliserTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // delimiters, sizing and fraction variants
        "$5$ | 5",
        "\\(5\\) | 5",
        "\\left( 3, \\frac{\\pi}{2} \\right) | (3,\\frac{\\pi}{2})",
        "\\dfrac{17}{50} | \\frac{17}{50}",
        "\\tfrac{1}{2} | \\frac{1}{2}",
        "\\frac12 | \\frac{1}{2}",
        "\\frac 34 | \\frac{3}{4}",
        "\\frac{270}7 | \\frac{270}{7}",
        "\\frac\\pi2 | \\frac{\\pi}{2}",
        "\\sqrt2 | \\sqrt{2}",
        "\\displaystyle \\frac{1}{4} | \\frac{1}{4}",
        // text, units, degrees, percent, money
        "\\text{Evelyn} | Evelyn",
        "5.4 \\text{ cents} | 5.4",
        "15\\mbox{ cm}^2 | 15",
        "864 \\mbox{ inches}^2 | 864",
        "\\frac{270}7\\text{ degrees} | \\frac{270}{7}",
        "12 cm | 12",
        "18 dollars | 18",
        "106^\\circ | 106",
        "30^{\\circ} | 30",
        "45° | 45",
        "50\\% | 50",
        "25% | 25",
        "\\$18.90 | 18.9",
        "\\$32,\\!348 | 32348",
        // thousands separators, trailing zeros, spacing
        "10,\\!080 | 10080",
        "11,\\! 111,\\! 111,\\! 100 | 11111111100",
        "1,450,000 | 1450000",
        "1\\,000 | 1000",
        "10{,}080 | 10080",
        "27.0 | 27",
        "12.80 | 12.8",
        "1.250 | 1.25",
        ".35625 | 0.35625",
        "-2 + 7i | -2+7i",
        "\\cot x | \\cot x",
        "3 , 5 , 7 | 3,5,7",
        // variables, intervals, choices
        "x = 5 | 5",
        "y = 2x + 3 | 2x+3",
        "5x - 7y + 11z + 4 = 0 | 5x-7y+11z+4=0",
        "x \\in [-2,7] | [-2,7]",
        "\\text{(C)} | C",
        "(B) | B",
        "\\textbf{(A)} | A",
        "\\textbf{(C)} 12 | C",
        "E | E",
        "3 \\text{ and } 5 | 3,5",
        "{5} | 5",
        "\\varnothing | \\emptyset",
        "5. | 5",
        "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix} | \\begin{pmatrix}1\\\\2\\end{pmatrix}",
        "\\quad 7 \\qquad | 7",
        // spellings of relations, binomials, infinity and signs
        "x \\geq 3 | x\\ge3",
        "x \\geqslant 3 | x\\ge3",
        "3 \\leq x | 3\\le x",
        "x \\neq 2 | x\\ne2",
        "1 \\lt x \\gt 0 | 1<x>0",
        "x ≥ 3 | x\\ge3",
        "\\dbinom{5}{2} | \\binom{5}{2}",
        "\\tbinom52 | \\binom{5}{2}",
        "\u22125 | -5",
        "−\\frac{1}{2} | -\\frac{1}{2}",
        "-inf | -\\infty",
        "+\\infty | \\infty",
        "(-\\infty, +\\infty) | (-\\infty,\\infty)",
        "∞ | \\infty",
        "infinity | \\infty",
        "1011_{2} | 1011_2",
        "(x, y) = (1, 2) | (1,2)",
        "(a,b,c)=(3,-1,2) | (3,-1,2)",
    })
    void shouldNormalise(String input, String expected) {
        assertEquals(expected, AnswerNormaliser.normalise(input));
    }

    @ParameterizedTest(name = "{0} stays {0}")
    @CsvSource(delimiter = '|', value = {
        "2k",
        "5r^5",
        "\\pi",
        "(a+5)(b+2)",
        "1,-2",
        "204_5",
        "\\begin{pmatrix}-1&0\\\\0&-1\\end{pmatrix}",
        "east",
        "\\inf S",
        "a\\ltimes b",
        "(x+1)=(2,3)",
        "0.0\\overline{3}",
        "0.10(6)",
    })
    void shouldLeaveAlreadyCanonicalAnswersAlone(String input) {
        assertEquals(input, AnswerNormaliser.normalise(input));
    }
}
