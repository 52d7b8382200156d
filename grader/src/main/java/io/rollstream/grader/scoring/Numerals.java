package io.rollstream.grader.scoring;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Values of numbers written in notations other than decimals and fractions: a repeating decimal
 * ({@code 0.1\overline{6}}) and a binomial coefficient of two integers ({@code \binom{5}{2}}). Each is exact
 * and bounded, so an answer cannot make it compute for long.
 */
final class Numerals {

    /** Largest {@code n} of a binomial coefficient that is computed; MATH's largest is in the hundreds. */
    static final int MAX_BINOMIAL_N = 10_000;

    private Numerals() {
    }

    /**
     * The decimal {@code whole.fixed} followed by {@code repeating} forever: with f fixed and r repeating
     * digits, it is (whole·fixed·repeating − whole·fixed) / ((10^r − 1)·10^f).
     */
    static Rational repeatingDecimal(String whole, String fixed, String repeating) {
        if (repeating.isEmpty()) {
            throw new IllegalArgumentException("no repeating digits");
        }
        String head = (whole.isEmpty() ? "0" : whole) + fixed;
        BigInteger all = new BigInteger(head + repeating);
        BigInteger numerator = all.subtract(new BigInteger(head));
        BigInteger denominator = BigInteger.TEN.pow(repeating.length()).subtract(BigInteger.ONE)
                .multiply(BigInteger.TEN.pow(fixed.length()));
        return new Rational(numerator, denominator);
    }

    /** n choose k for 0 ≤ n ≤ {@link #MAX_BINOMIAL_N}; 0 when k is negative or above n; empty when n is out of range. */
    static Optional<BigInteger> binomial(BigInteger n, BigInteger k) {
        if (n.signum() < 0 || n.compareTo(BigInteger.valueOf(MAX_BINOMIAL_N)) > 0) {
            return Optional.empty();
        }
        if (k.signum() < 0 || k.compareTo(n) > 0) {
            return Optional.of(BigInteger.ZERO);
        }
        int top = n.intValueExact();
        int smaller = Math.min(k.intValueExact(), top - k.intValueExact());
        BigInteger result = BigInteger.ONE;
        for (int i = 1; i <= smaller; i++) {
            // Each partial product is itself a binomial coefficient, so the division is exact.
            result = result.multiply(BigInteger.valueOf(top - smaller + i)).divide(BigInteger.valueOf(i));
        }
        return Optional.of(result);
    }
}
