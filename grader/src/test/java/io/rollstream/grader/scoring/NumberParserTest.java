package io.rollstream.grader.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumberParserTest {

    private static NumberParser.Result result(String latex) {
        return NumberParser.parse(latex).orElseThrow(() -> new AssertionError("not arithmetic: " + latex));
    }

    private static NumericValue value(String latex) {
        NumberParser.Result r = result(latex);
        return assertInstanceOf(NumberParser.Value.class, r, latex + " gave " + r).value();
    }

    private static Rational exact(String latex) {
        NumericValue v = value(latex);
        return assertInstanceOf(NumericValue.Exact.class, v, latex + " should be exact, got " + v).value();
    }

    private static Rational fraction(long numerator, long denominator) {
        return new Rational(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    @ParameterizedTest(name = "{0} = {1}/{2}")
    @CsvSource(delimiter = '|', value = {
        "42 | 42 | 1",
        "-7 | -7 | 1",
        "025 | 25 | 1",
        "0.5 | 1 | 2",
        "12.8 | 64 | 5",
        "0.0000672 | 21 | 312500",
        "\\frac{1}{2} | 1 | 2",
        "\\frac{6}{4} | 3 | 2",
        "-\\frac{24}{25} | -24 | 25",
        "3\\frac{1}{2} | 7 | 2",
        "137\\frac{1}{2} | 275 | 2",
        "-3\\frac{1}{2} | -7 | 2",
        "1\\frac{4}{5} | 9 | 5",
        "1.5e3 | 1500 | 1",
        "2.5E-2 | 1 | 40",
        "1.5\\times10^{6} | 1500000 | 1",
        "3 \\cdot 10^{-2} | 3 | 100",
        "2^{10} | 1024 | 1",
        "2^{-3} | 1 | 8",
        "(-2)^3 | -8 | 1",
        "-2^2 | -4 | 1",
        "\\sqrt{16} | 4 | 1",
        "\\sqrt{\\frac{9}{4}} | 3 | 2",
        "\\sqrt[3]{27} | 3 | 1",
        "\\sqrt[3]{-8} | -2 | 1",
        "8^{\\frac{2}{3}} | 4 | 1",
        "2(3+4) | 14 | 1",
        "\\frac{3}{4} \\div \\frac{1}{2} | 3 | 2",
        "1/3 + 1/6 | 1 | 2",
    })
    void shouldEvaluateRationalAnswersExactly(String latex, long numerator, long denominator) {
        assertEquals(fraction(numerator, denominator), exact(latex));
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(delimiter = '|', value = {
        "\\sqrt{2} | 1.4142135623730951",
        "2\\sqrt{5} | 4.47213595499958",
        "\\frac{\\sqrt{3}}{3} | 0.5773502691896257",
        "\\pi | 3.141592653589793",
        "12\\pi | 37.69911184307752",
        "\\frac{20000}{\\pi} | 6366.197723675814",
        "\\sin\\frac{\\pi}{6} | 0.5",
        "\\cos(\\pi) | -1",
        "\\ln(1) | 0",
    })
    void shouldApproximateIrrationalAnswers(String latex, double expected) {
        assertEquals(expected, value(latex).approximate(), 1e-9);
    }

    @Test
    void shouldTreatARoundedDecimalAsDifferentFromTheExactFraction() {
        assertFalse(NumericValue.equivalent(value("0.33"), value("\\frac{1}{3}")));
        assertFalse(NumericValue.equivalent(value("0.3333333"), value("\\frac{1}{3}")));
        assertTrue(NumericValue.equivalent(value("0.5"), value("\\frac{1}{2}")));
    }

    @Test
    void shouldNotConfuseLargeNeighbouringIntegers() {
        assertFalse(NumericValue.equivalent(value("1450000"), value("1450001")));
        assertTrue(NumericValue.equivalent(value("1450000"), value("1.45e6")));
    }

    @Test
    void shouldCompareIrrationalValuesWithinARelativeMillionth() {
        assertTrue(NumericValue.equivalent(value("\\frac{\\sqrt{2}}{2}"), value("\\frac{1}{\\sqrt{2}}")));
        assertTrue(NumericValue.equivalent(value("12\\pi"), value("37.699111843")));
        assertFalse(NumericValue.equivalent(value("12\\pi"), value("37.7")));
        assertTrue(NumericValue.equivalent(value("\\sin(\\pi)"), value("0")));
    }

    @Test
    void shouldReportHugePowersAsOutOfRangeWithoutComputingThem() {
        long start = System.nanoTime();
        assertInstanceOf(NumberParser.OutOfRange.class, result("10^{10^{10}}"));
        assertInstanceOf(NumberParser.OutOfRange.class, result("9^{9^{9}}"));
        assertInstanceOf(NumberParser.OutOfRange.class, result("2^{1000000}"));
        assertTrue(System.nanoTime() - start < 1_000_000_000L);
    }

    @Test
    void shouldKeepPowersOfOneExactWhateverTheExponent() {
        assertEquals(Rational.ONE, exact("1^{10^{10}}"));
        assertEquals(Rational.ONE, exact("(-1)^{10^{10}}"));
    }

    @ParameterizedTest(name = "{0} = {1}/{2}")
    @CsvSource(delimiter = '|', value = {
        "0.\\overline{3} | 1 | 3",
        "0.\\overline3 | 1 | 3",
        "0.1\\overline{6} | 1 | 6",
        "0.(3) | 1 | 3",
        "1.(142857) | 8 | 7",
        "0.0\\overline{3} | 1 | 30",
        "-0.\\overline{6} | -2 | 3",
        "\\binom{5}{2} | 10 | 1",
        "\\binom{10}{4}-10 | 200 | 1",
        "2\\binom{4}{2} | 12 | 1",
    })
    void shouldReadRepeatingDecimalsAndBinomialsExactly(String latex, long numerator, long denominator) {
        assertEquals(fraction(numerator, denominator), exact(latex));
    }

    @Test
    void shouldKeepAProductAfterADecimalThatIsNotARepeatingTail() {
        assertEquals(fraction(3, 2), exact("0.5(1+2)"));
        assertEquals(fraction(3, 2), exact("0.5 \\cdot (3)"));
    }

    @Test
    void shouldRejectBinomialsOfNonIntegersAndBeyondTheBound() {
        assertTrue(NumberParser.parse("\\binom{x}{2}").isEmpty());
        assertTrue(NumberParser.parse("\\binom{2.5}{2}").isEmpty());
        LatexExpression.SyntaxException e = assertThrows(LatexExpression.SyntaxException.class,
                () -> LatexExpression.parse("\\binom{100000}{3}"));
        assertTrue(e.isLimit());
    }

    @Test
    void shouldReportVariablesAndComplexNumbersAsNotNumeric() {
        assertInstanceOf(NumberParser.NotNumeric.class, result("x+1"));
        assertInstanceOf(NumberParser.NotNumeric.class, result("2+3i"));
        assertInstanceOf(NumberParser.NotNumeric.class, result("\\frac{1}{0}"));
        assertInstanceOf(NumberParser.NotNumeric.class, result("\\sqrt{-4}"));
    }

    @Test
    void shouldRejectWhatIsNotArithmetic() {
        assertTrue(NumberParser.parse("204_5").isEmpty());
        assertTrue(NumberParser.parse("\\infty").isEmpty());
        assertTrue(NumberParser.parse("5!").isEmpty());
        assertTrue(NumberParser.parse("1..2").isEmpty());
    }

    @Test
    void shouldRefuseNestingBeyondTheLimit() {
        String deep = "(".repeat(500) + "1" + ")".repeat(500);
        LatexExpression.SyntaxException e = assertThrows(
                LatexExpression.SyntaxException.class, () -> LatexExpression.parse(deep));
        assertTrue(e.isLimit());
    }
}
