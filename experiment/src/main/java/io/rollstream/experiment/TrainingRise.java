package io.rollstream.experiment;

import io.rollstream.eval.stats.Bootstrap;
import io.rollstream.eval.stats.Interval;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How much a training curve rose: per seed, the mean of its last updates minus the mean of its first ones, then
 * the mean over seeds. The interval is a two-stage percentile bootstrap: seeds with replacement, then, within each
 * drawn seed, each window's updates with replacement, independently of the other window.
 */
final class TrainingRise {

    private TrainingRise() {
    }

    /**
     * @param before    per seed, the values of the updates taken as the start (e.g. the critic warm-up's, made
     *                  by the warm-start policy itself)
     * @param after     per seed, the values of the last updates, in the same seed order
     * @param resamples bootstrap resamples (>= 100)
     * @param seed      seed of the resampling
     */
    static Interval of(List<double[]> before, List<double[]> after, int resamples, long seed) {
        if (before.isEmpty() || before.size() != after.size()) {
            throw new IllegalArgumentException("rise: give both windows for the same one or more seeds, got "
                    + before.size() + " and " + after.size());
        }
        if (resamples < Bootstrap.MIN_RESAMPLES) {
            throw new IllegalArgumentException("resamples: must be >= " + Bootstrap.MIN_RESAMPLES + ", got "
                    + resamples);
        }
        for (int s = 0; s < before.size(); s++) {
            if (before.get(s).length == 0 || after.get(s).length == 0) {
                throw new IllegalArgumentException("rise: seed " + s + " has an empty window");
            }
        }
        int seeds = before.size();
        double point = 0;
        for (int s = 0; s < seeds; s++) {
            point += mean(after.get(s)) - mean(before.get(s));
        }
        point /= seeds;
        SplittableRandom random = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < seeds; i++) {
                int s = random.nextInt(seeds);
                sum += resampledMean(after.get(s), random) - resampledMean(before.get(s), random);
            }
            stats[r] = sum / seeds;
        }
        Arrays.sort(stats);
        return new Interval(point, Bootstrap.percentile(stats, 0.025), Bootstrap.percentile(stats, 0.975));
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double resampledMean(double[] values, SplittableRandom random) {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[random.nextInt(values.length)];
        }
        return sum / values.length;
    }
}
