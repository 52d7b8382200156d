package io.rollstream.grader.scoring;

import java.util.Objects;

/**
 * The value of a constant answer: exact while only rational arithmetic was needed, approximate once a
 * surd, {@code \pi} or a transcendental function appears.
 */
sealed interface NumericValue permits NumericValue.Exact, NumericValue.Approximate {

    /** Relative tolerance for values that had to be approximated. */
    double RELATIVE_TOLERANCE = 1e-6;
    /** Absolute tolerance near zero, where a relative one is meaningless ({@code \sin\pi} vs {@code 0}). */
    double ABSOLUTE_TOLERANCE = 1e-12;

    double approximate();

    /** An exact rational value. */
    record Exact(Rational value) implements NumericValue {
        public Exact {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public double approximate() {
            return value.doubleValue();
        }
    }

    /** A finite floating-point approximation of an irrational (or not yet known to be rational) value. */
    record Approximate(double value) implements NumericValue {
        public Approximate {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("an approximate value must be finite, got " + value);
            }
        }

        @Override
        public double approximate() {
            return value;
        }
    }

    /**
     * Two exact values must be identical, which is what makes {@code 0.33} differ from {@code 1/3} and
     * {@code 1000001} from {@code 1000000}; otherwise the values must agree within the tolerances.
     */
    static boolean equivalent(NumericValue a, NumericValue b) {
        if (a instanceof Exact x && b instanceof Exact y) {
            return x.value().equals(y.value());
        }
        double u = a.approximate();
        double v = b.approximate();
        double diff = Math.abs(u - v);
        return diff <= ABSOLUTE_TOLERANCE || diff <= RELATIVE_TOLERANCE * Math.max(Math.abs(u), Math.abs(v));
    }
}
