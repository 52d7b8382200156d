package io.rollstream.eval.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap intervals of a mean, deterministic for a given seed.
 *
 * <p>The values are one number per question (e.g. 1 if solved, else 0). For a paired difference between two
 * arms run on the same questions, pass the per-question differences: the bootstrap then resamples questions,
 * keeping the two answers to each question together.
 *
 * <p>The interval runs from the 2.5th to the 97.5th percentile (see {@link #percentile}) of the resampled means.
 */
public final class Bootstrap {

    /** The fewest resamples accepted. */
    public static final int MIN_RESAMPLES = 100;

    private Bootstrap() {
    }

    /**
     * The mean of {@code values} and its 95% interval from {@code resamples} resamples of the values with
     * replacement.
     *
     * @throws IllegalArgumentException when {@code values} is empty or {@code resamples} is below 100
     */
    public static Interval overQuestions(double[] values, int resamples, long seed) {
        requireValues(values, "values");
        requireResamples(resamples);
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            means[r] = resampledMean(values, random);
        }
        return interval(mean(values), means);
    }

    /**
     * The mean over training seeds of each seed's mean over questions, every seed weighing the same, and its 95%
     * interval from a two-stage bootstrap: each resample draws as many seeds as there are with replacement, then
     * within each drawn seed draws its questions with replacement, and takes the mean of the drawn seeds'
     * resampled means. The interval thus covers both the spread between seeds and the sampling of questions.
     *
     * <p>With a single seed no seed is drawn at random, so the result equals
     * {@link #overQuestions overQuestions(perSeed.get(0), resamples, seed)} number for number.
     *
     * @param perSeed one array of per-question values for each seed
     * @throws IllegalArgumentException when there is no seed, a seed has no values, or {@code resamples} is
     *                                  below 100
     */
    public static Interval overSeedsAndQuestions(List<double[]> perSeed, int resamples, long seed) {
        if (perSeed == null || perSeed.isEmpty()) {
            throw new IllegalArgumentException("no seeds: perSeed is empty");
        }
        for (int s = 0; s < perSeed.size(); s++) {
            requireValues(perSeed.get(s), "values of seed " + s);
        }
        requireResamples(resamples);
        int seeds = perSeed.size();
        double[] seedMeans = perSeed.stream().mapToDouble(Bootstrap::mean).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int draw = 0; draw < seeds; draw++) {
                double[] values = perSeed.get(seeds == 1 ? 0 : random.nextInt(seeds));
                sum += resampledMean(values, random);
            }
            means[r] = sum / seeds;
        }
        return interval(mean(seedMeans), means);
    }

    /**
     * The {@code q}-quantile of sorted values: the values at indices floor(q·(R−1)) and ceil(q·(R−1)), linearly
     * interpolated. E.g. of {1, 2, 3, 4, 5}, q = 0.25 gives 2 and q = 0.1 gives 1.4.
     *
     * @param sorted values in ascending order, at least one
     * @param q      between 0 and 1
     */
    public static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values to take a percentile of");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be between 0 and 1, got " + q);
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** The mean of as many values drawn from {@code values} with replacement as it holds. */
    private static double resampledMean(double[] values, SplittableRandom random) {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[random.nextInt(values.length)];
        }
        return sum / values.length;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static Interval interval(double mean, double[] resampledMeans) {
        double[] sorted = resampledMeans.clone();
        Arrays.sort(sorted);
        return new Interval(mean, percentile(sorted, 0.025), percentile(sorted, 0.975));
    }

    private static void requireValues(double[] values, String what) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("no values: " + what + " is empty");
        }
    }

    private static void requireResamples(int resamples) {
        if (resamples < MIN_RESAMPLES) {
            throw new IllegalArgumentException(
                    "too few resamples: " + resamples + " (at least " + MIN_RESAMPLES + " are needed)");
        }
    }
}
