package io.rollstream.grader.scoring;

import io.rollstream.grader.scoring.MathExpr.Binary;
import io.rollstream.grader.scoring.MathExpr.Call;
import io.rollstream.grader.scoring.MathExpr.Constant;
import io.rollstream.grader.scoring.MathExpr.Negate;
import io.rollstream.grader.scoring.MathExpr.Num;
import io.rollstream.grader.scoring.MathExpr.Root;
import io.rollstream.grader.scoring.MathExpr.Variable;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates constant answers (integers, decimals, fractions, mixed numbers, scientific notation, roots,
 * {@code \pi}, elementary functions) to a {@link NumericValue}, exactly where possible and with bounded
 * work: an exact power is attempted only when its result stays small, so {@code 10^{10^{10}}} is reported
 * out of range instead of being computed.
 */
final class NumberParser {

    /** Largest exact result, in bits, that a power may produce before falling back to floating point. */
    static final long MAX_EXACT_BITS = 1 << 16;

    /** What evaluating an answer gave. */
    sealed interface Result permits Value, NotNumeric, OutOfRange {
    }

    /** The answer is a number. */
    record Value(NumericValue value) implements Result {
        Value {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The answer has variables, complex values or undefined operations; computer algebra may still decide. */
    record NotNumeric(String why) implements Result {
    }

    /** The answer is a number too large or too small to compare. */
    record OutOfRange(String why) implements Result {
    }

    private static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Result result;

        Abort(Result result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private NumberParser() {
    }

    /** Reads and evaluates a normalised scalar answer; empty when it is not arithmetic at all. */
    static Optional<Result> parse(String normalised) {
        MathExpr expr;
        try {
            expr = LatexExpression.parse(normalised);
        } catch (LatexExpression.SyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(evaluate(expr));
    }

    static Result evaluate(MathExpr expr) {
        try {
            return new Value(value(expr));
        } catch (Abort abort) {
            return abort.result;
        } catch (ArithmeticException e) {
            return new NotNumeric("undefined: " + e.getMessage());
        }
    }

    private static NumericValue value(MathExpr expr) {
        if (expr instanceof Num n) {
            return new NumericValue.Exact(n.value());
        }
        if (expr instanceof Variable v) {
            throw new Abort(new NotNumeric("variable " + v.name()));
        }
        if (expr instanceof Constant c) {
            if (c.kind() == Constant.Kind.PI) {
                return new NumericValue.Approximate(Math.PI);
            }
            throw new Abort(new NotNumeric("complex number"));
        }
        if (expr instanceof Negate neg) {
            NumericValue v = value(neg.operand());
            return v instanceof NumericValue.Exact e ? new NumericValue.Exact(e.value().negate())
                    : approx(-v.approximate());
        }
        if (expr instanceof Binary b) {
            return binary(b);
        }
        if (expr instanceof Root r) {
            return root(value(r.index()), value(r.radicand()));
        }
        if (expr instanceof Call call) {
            return approx(function(call.function(), value(call.argument()).approximate()));
        }
        throw new IllegalStateException("unknown expression " + expr);
    }

    private static NumericValue binary(Binary b) {
        NumericValue left = value(b.left());
        NumericValue right = value(b.right());
        if (left instanceof NumericValue.Exact x && right instanceof NumericValue.Exact y) {
            Rational p = x.value();
            Rational q = y.value();
            switch (b.op()) {
                case ADD:
                    return exact(p.add(q));
                case SUBTRACT:
                    return exact(p.add(q.negate()));
                case MULTIPLY:
                    return exact(p.multiply(q));
                case DIVIDE:
                    if (q.signum() == 0) {
                        throw new Abort(new NotNumeric("division by zero"));
                    }
                    return exact(p.divide(q));
                case POWER:
                    return exactPower(p, q);
                default:
                    throw new IllegalStateException("unknown operator " + b.op());
            }
        }
        double u = left.approximate();
        double v = right.approximate();
        switch (b.op()) {
            case ADD:
                return approx(u + v);
            case SUBTRACT:
                return approx(u - v);
            case MULTIPLY:
                return approx(u * v);
            case DIVIDE:
                if (v == 0) {
                    throw new Abort(new NotNumeric("division by zero"));
                }
                return approx(u / v);
            case POWER:
                return approx(Math.pow(u, v));
            default:
                throw new IllegalStateException("unknown operator " + b.op());
        }
    }

    private static NumericValue exactPower(Rational base, Rational exponent) {
        if (exponent.isInteger()) {
            // 0, 1 and -1 stay small whatever the exponent; anything else grows with it.
            if (base.signum() == 0 || base.equals(Rational.ONE)) {
                if (base.signum() == 0 && exponent.signum() < 0) {
                    throw new Abort(new NotNumeric("division by zero"));
                }
                return exact(exponent.signum() == 0 ? Rational.ONE : base);
            }
            if (base.equals(Rational.ONE.negate())) {
                return exact(exponent.numerator().testBit(0) ? base : Rational.ONE);
            }
            long magnitude = exponent.numerator().abs().bitLength() > 31 ? Long.MAX_VALUE
                    : exponent.numerator().abs().longValue();
            if (magnitude <= MAX_EXACT_BITS && base.bitLength() * magnitude <= MAX_EXACT_BITS) {
                return exact(base.pow(exponent.numerator().intValueExact()));
            }
            return approx(Math.pow(base.doubleValue(), exponent.doubleValue()));
        }
        if (exponent.denominator().bitLength() <= 31 && exponent.numerator().bitLength() <= 31 && base.signum() >= 0) {
            // A rational power of a perfect power stays rational: 4^{1/2} = 2, 8^{2/3} = 4.
            Optional<Rational> rooted = exactRoot(base, exponent.denominator().intValueExact());
            if (rooted.isPresent()) {
                return exactPower(rooted.get(), Rational.of(exponent.numerator().longValueExact()));
            }
        }
        if (base.signum() < 0) {
            throw new Abort(new NotNumeric("fractional power of a negative number"));
        }
        return approx(Math.pow(base.doubleValue(), exponent.doubleValue()));
    }

    private static NumericValue root(NumericValue index, NumericValue radicand) {
        if (index instanceof NumericValue.Exact i && i.value().isInteger() && i.value().signum() > 0
                && i.value().numerator().bitLength() <= 31) {
            int n = i.value().numerator().intValueExact();
            if (radicand instanceof NumericValue.Exact r) {
                Optional<Rational> exactRoot = exactRoot(r.value(), n);
                if (exactRoot.isPresent()) {
                    return exact(exactRoot.get());
                }
                if (r.value().signum() < 0 && n % 2 == 0) {
                    throw new Abort(new NotNumeric("even root of a negative number"));
                }
            }
            double x = radicand.approximate();
            if (x < 0 && n % 2 == 1) {
                return approx(-Math.pow(-x, 1.0 / n));
            }
            return approx(Math.pow(x, 1.0 / n));
        }
        return approx(Math.pow(radicand.approximate(), 1.0 / index.approximate()));
    }

    private static Optional<Rational> exactRoot(Rational value, int n) {
        if (n == 1) {
            return Optional.of(value);
        }
        if (n == 2) {
            return value.exactSqrt();
        }
        if (n > 64 || n < 1) {
            return Optional.empty();
        }
        if (value.signum() < 0) {
            Optional<Rational> positive = n % 2 == 1 ? exactRoot(value.negate(), n) : Optional.empty();
            return positive.map(Rational::negate);
        }
        Optional<BigInteger> num = integerRoot(value.numerator(), n);
        Optional<BigInteger> den = integerRoot(value.denominator(), n);
        return num.isPresent() && den.isPresent() ? Optional.of(new Rational(num.get(), den.get())) : Optional.empty();
    }

    /** The exact n-th root of a non-negative integer small enough for a double guess, checked exactly. */
    private static Optional<BigInteger> integerRoot(BigInteger v, int n) {
        if (v.bitLength() > 1000) {
            return Optional.empty();
        }
        double guess = Math.pow(v.doubleValue(), 1.0 / n);
        if (!Double.isFinite(guess) || guess > 1e15) {
            return Optional.empty();
        }
        long g = Math.round(guess);
        for (long candidate = Math.max(0, g - 1); candidate <= g + 1; candidate++) {
            if (BigInteger.valueOf(candidate).pow(n).equals(v)) {
                return Optional.of(BigInteger.valueOf(candidate));
            }
        }
        return Optional.empty();
    }

    private static double function(Call.Function f, double x) {
        switch (f) {
            case SIN:
                return Math.sin(x);
            case COS:
                return Math.cos(x);
            case TAN:
                return Math.tan(x);
            case COT:
                return 1 / Math.tan(x);
            case SEC:
                return 1 / Math.cos(x);
            case CSC:
                return 1 / Math.sin(x);
            case ARCSIN:
                return Math.asin(x);
            case ARCCOS:
                return Math.acos(x);
            case ARCTAN:
                return Math.atan(x);
            case LN:
                return Math.log(x);
            case LOG:
                return Math.log10(x);
            case EXP:
                return Math.exp(x);
            default:
                throw new IllegalStateException("unknown function " + f);
        }
    }

    private static NumericValue exact(Rational r) {
        return new NumericValue.Exact(r);
    }

    private static NumericValue approx(double v) {
        if (Double.isNaN(v)) {
            throw new Abort(new NotNumeric("undefined value"));
        }
        if (Double.isInfinite(v)) {
            throw new Abort(new OutOfRange("number beyond the floating-point range"));
        }
        return new NumericValue.Approximate(v);
    }
}
