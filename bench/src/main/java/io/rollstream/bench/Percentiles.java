package io.rollstream.bench;

import java.util.Arrays;

/**
 * Order statistics of a set of measured values (latencies in milliseconds), by the nearest-rank method:
 * the p-th percentile is the smallest value with at least p% of the values at or below it.
 *
 * @param count number of values
 * @param p50   median
 * @param p99   99th percentile
 * @param max   largest value
 * @param mean  arithmetic mean
 */
public record Percentiles(int count, double p50, double p99, double max, double mean) {

    public Percentiles {
        if (count < 1) {
            throw new IllegalArgumentException("percentiles need at least one value");
        }
        if (!(p50 <= p99 && p99 <= max)) {
            throw new IllegalArgumentException("percentiles out of order: p50 " + p50 + ", p99 " + p99 + ", max " + max);
        }
    }

    /** The order statistics of {@code values}; the array is not changed. */
    public static Percentiles of(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("percentiles need at least one value");
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 99), sorted[sorted.length - 1],
                sum / sorted.length);
    }

    private static double rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
