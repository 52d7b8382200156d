package io.rollstream.bench;

import java.util.Locale;
import java.util.Objects;

/**
 * One measured number of a benchmark, with its unit.
 *
 * @param name  what was measured, e.g. {@code grader graded committed}
 * @param value the measured value
 * @param unit  its unit, e.g. {@code records/s}, {@code ms}, {@code MiB/s}
 */
public record Figure(String name, double value, String unit) {

    public Figure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a figure needs a name");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("figure '" + name + "' is not a finite number: " + value);
        }
    }

    /** The value formatted for people: grouped thousands, one or two decimals depending on size. */
    public String formattedValue() {
        return format(value);
    }

    static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == Math.rint(value) && magnitude < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, magnitude >= 10 ? "%,.1f" : "%,.2f", value);
    }
}
