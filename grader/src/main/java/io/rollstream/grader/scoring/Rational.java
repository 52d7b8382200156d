package io.rollstream.grader.scoring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Objects;
import java.util.Optional;

/**
 * An exact fraction in lowest terms with a positive denominator, so that integers, terminating decimals and
 * fractions written differently ({@code 0.5}, {@code \frac{1}{2}}, {@code 2/4}) compare equal without rounding.
 */
record Rational(BigInteger numerator, BigInteger denominator) {

    public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
    public static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);

    public Rational {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        if (denominator.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger gcd = numerator.gcd(denominator);
        if (!gcd.equals(BigInteger.ONE) && gcd.signum() != 0) {
            numerator = numerator.divide(gcd);
            denominator = denominator.divide(gcd);
        }
    }

    public static Rational of(long value) {
        return new Rational(BigInteger.valueOf(value), BigInteger.ONE);
    }

    /** Parses a plain decimal literal such as {@code 12}, {@code 012.50} or {@code .5}. */
    public static Rational ofDecimal(String literal) {
        BigDecimal decimal = new BigDecimal(literal);
        BigInteger unscaled = decimal.unscaledValue();
        int scale = decimal.scale();
        return scale >= 0
                ? new Rational(unscaled, BigInteger.TEN.pow(scale))
                : new Rational(unscaled.multiply(BigInteger.TEN.pow(-scale)), BigInteger.ONE);
    }

    public boolean isInteger() {
        return denominator.equals(BigInteger.ONE);
    }

    public int signum() {
        return numerator.signum();
    }

    /** Bits needed for numerator and denominator together, the measure used to bound exact arithmetic. */
    public long bitLength() {
        return (long) numerator.bitLength() + denominator.bitLength();
    }

    public Rational add(Rational other) {
        return new Rational(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Rational negate() {
        return new Rational(numerator.negate(), denominator);
    }

    public Rational multiply(Rational other) {
        return new Rational(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public Rational divide(Rational other) {
        return new Rational(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    /** This value to a non-negative or negative integer power; the caller bounds the exponent. */
    public Rational pow(int exponent) {
        Rational base = exponent < 0 ? new Rational(denominator, numerator) : this;
        int e = Math.abs(exponent);
        return new Rational(base.numerator.pow(e), base.denominator.pow(e));
    }

    /** The exact square root when numerator and denominator are both perfect squares. */
    public Optional<Rational> exactSqrt() {
        if (numerator.signum() < 0) {
            return Optional.empty();
        }
        BigInteger n = numerator.sqrt();
        BigInteger d = denominator.sqrt();
        if (n.multiply(n).equals(numerator) && d.multiply(d).equals(denominator)) {
            return Optional.of(new Rational(n, d));
        }
        return Optional.empty();
    }

    /** The nearest double; infinite when the value is beyond the double range. */
    public double doubleValue() {
        if (isInteger()) {
            return numerator.doubleValue();
        }
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), MathContext.DECIMAL64).doubleValue();
    }

    @Override
    public String toString() {
        return isInteger() ? numerator.toString() : numerator + "/" + denominator;
    }
}
