package io.rollstream.grader.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumeralsTest {

    @ParameterizedTest(name = "{0}.{1}({2}) = {3}/{4}")
    @CsvSource(delimiter = '|', value = {
        // x = 0.333...: 10x - x = 3, x = 3/9
        "0 | '' | 3 | 1 | 3",
        // x = 0.1666...: 100x - 10x = 16 - 1, x = 15/90
        "0 | 1 | 6 | 1 | 6",
        // x = 0.142857142857...: (142857 - 0) / 999999
        "0 | '' | 142857 | 1 | 7",
        // x = 2.4545...: (245 - 2) / 99
        "2 | '' | 45 | 27 | 11",
        // 0.999... is 1
        "0 | '' | 9 | 1 | 1",
        // x = 0.08333...: (83 - 8) / 900
        "'' | 08 | 3 | 1 | 12",
    })
    void shouldValueRepeatingDecimals(String whole, String fixed, String repeating, long numerator, long denominator) {
        assertEquals(new Rational(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator)),
                Numerals.repeatingDecimal(whole, fixed, repeating));
    }

    @Test
    void shouldRefuseARepeatingDecimalWithoutRepeatingDigits() {
        assertThrows(IllegalArgumentException.class, () -> Numerals.repeatingDecimal("0", "5", ""));
    }

    @ParameterizedTest(name = "{0} choose {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "5 | 2 | 10",
        "5 | 3 | 10",
        "6 | 0 | 1",
        "6 | 6 | 1",
        "10 | 4 | 210",
        "52 | 5 | 2598960",
        "4 | 5 | 0",
        "4 | -1 | 0",
        "0 | 0 | 1",
    })
    void shouldComputeBinomialCoefficients(long n, long k, long expected) {
        assertEquals(Optional.of(BigInteger.valueOf(expected)),
                Numerals.binomial(BigInteger.valueOf(n), BigInteger.valueOf(k)));
    }

    @Test
    void shouldRefuseBinomialsOutsideTheBound() {
        assertEquals(Optional.empty(), Numerals.binomial(BigInteger.valueOf(Numerals.MAX_BINOMIAL_N + 1), BigInteger.TWO));
        assertEquals(Optional.empty(), Numerals.binomial(BigInteger.valueOf(-3), BigInteger.TWO));
    }
}
