package io.rollstream.eval.stats;

import java.util.Locale;

/**
 * A point estimate and its 95% interval.
 *
 * @param mean the point estimate
 * @param low  the lower end of the 95% interval
 * @param high the upper end of the 95% interval
 */
public record Interval(double mean, double low, double high) {

    /** Whether the whole interval lies above {@code x}. */
    public boolean above(double x) {
        return low > x;
    }

    /** Whether the whole interval lies below {@code x}. */
    public boolean below(double x) {
        return high < x;
    }

    /** The estimate and interval as {@code "0.412 [0.380, 0.445]"}, with {@code decimals} digits after the point. */
    public String format(int decimals) {
        if (decimals < 0) {
            throw new IllegalArgumentException("decimals must be at least 0, got " + decimals);
        }
        String number = "%." + decimals + "f";
        return String.format(Locale.ROOT, number + " [" + number + ", " + number + "]", mean, low, high);
    }

    /**
     * All three numbers times {@code factor}, e.g. 100 for percent. A negative factor swaps the ends, so that
     * {@code low} stays the lower one.
     */
    public Interval scaled(double factor) {
        double a = low * factor;
        double b = high * factor;
        return new Interval(mean * factor, Math.min(a, b), Math.max(a, b));
    }
}
