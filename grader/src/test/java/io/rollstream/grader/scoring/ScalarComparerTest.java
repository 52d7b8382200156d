package io.rollstream.grader.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScalarComparerTest {

    private final AtomicInteger algebraCalls = new AtomicInteger();
    private final ScalarComparer comparer = new ScalarComparer((a, b, d) -> {
        algebraCalls.incrementAndGet();
        return Equivalence.NOT_EQUAL;
    });

    private Equivalence compare(String answer, String truth) {
        return comparer.compare(AnswerNormaliser.normalise(answer), AnswerNormaliser.normalise(truth),
                Deadline.after(Duration.ofSeconds(2)));
    }

    @ParameterizedTest(name = "{0} equals {1}")
    @CsvSource(delimiter = '|', value = {
        "0.5 | \\frac{1}{2}",
        "3\\frac{1}{2} | 3.5",
        "3\\frac{1}{2} | \\frac{7}{2}",
        "1.5 \\times 10^3 | 1500",
        "1.5e3 | 1500",
        "025 | 25",
        "27.0 | 27",
        "\\sqrt{20} | 2\\sqrt{5}",
        "\\frac{\\sqrt{2}}{2} | \\frac{1}{\\sqrt{2}}",
        "12\\pi | 37.699111843",
        "\\pi | 3.14159265",
        "Evelyn | \\text{Evelyn}",
        "EAST | east",
        "C | \\text{(C)}",
        "30^\\circ | 30",
        "50\\% | 50",
        "x = 5 | 5",
        "1,000 | 1000",
    })
    void shouldDecideNumbersAndTextWithoutAlgebra(String answer, String truth) {
        assertEquals(Equivalence.EQUAL, compare(answer, truth));
        assertEquals(0, algebraCalls.get());
    }

    @ParameterizedTest(name = "{0} differs from {1}")
    @CsvSource(delimiter = '|', value = {
        "0.33 | \\frac{1}{3}",
        "0.333333 | \\frac{1}{3}",
        "3 | 4",
        "1000001 | 1000000",
        "3.14 | \\pi",
        "\\frac{1}{2} | \\frac{1}{3}",
        "west | east",
        "B | \\text{(C)}",
        "204_5 | 54",
        "\\infty | 5",
    })
    void shouldRejectDifferentValuesWithoutAlgebra(String answer, String truth) {
        assertEquals(Equivalence.NOT_EQUAL, compare(answer, truth));
        assertEquals(0, algebraCalls.get());
    }

    @Test
    void shouldAskAlgebraOnlyForExpressionsInVariables() {
        compare("x^2+2x+1", "(x+1)^2");
        assertEquals(1, algebraCalls.get());
    }

    @Test
    void shouldNotHandHugeExponentsToAlgebra() {
        assertInstanceOf(Equivalence.Undecidable.class, compare("x^{10^{10}}", "x"));
        assertInstanceOf(Equivalence.Undecidable.class, compare("10^{10^{10}}", "5"));
        assertEquals(0, algebraCalls.get());
    }
}
