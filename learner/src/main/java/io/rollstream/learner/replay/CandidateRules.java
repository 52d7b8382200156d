package io.rollstream.learner.replay;

import java.util.Arrays;

/**
 * Thresholds of replay candidate selection; see {@link ReplayCandidates}.
 *
 * <p>A state is promising when the critic values it at or above the batch's threshold: {@code valueThreshold},
 * or, when lower, the value that only the top {@code topFraction} of the batch's offered states reach. The
 * second rule is what makes "valued highly" mean something for a policy that rarely succeeds: a critic fitted to
 * a 5% solve rate values almost every state near the failure reward, so an absolute bar is never met, while the
 * states it ranks highest are still the ones it expects most from.
 *
 * @param valueThreshold critic value at or above which a failed episode's state is always promising (float,
 *                       default 0.25: the expected reward of a coin flip between solved, +1, and failed, -0.5)
 * @param maxPerEpisode  most states kept from one response (int, default 2, >= 1)
 * @param topFraction    share of a batch's offered states, highest critic values first, that are promising
 *                       whatever their value (double in [0, 1], default 0.1; 0 keeps the absolute bar only)
 */
public record CandidateRules(float valueThreshold, int maxPerEpisode, double topFraction) {

    public CandidateRules {
        if (!Float.isFinite(valueThreshold)) {
            throw new IllegalArgumentException("replay valueThreshold must be finite, got " + valueThreshold);
        }
        if (maxPerEpisode < 1) {
            throw new IllegalArgumentException("replay maxPerEpisode must be >= 1, got " + maxPerEpisode);
        }
        if (!(topFraction >= 0 && topFraction <= 1)) {
            throw new IllegalArgumentException("replay topFraction must be in [0, 1], got " + topFraction);
        }
    }

    /** The defaults listed above. */
    public static CandidateRules defaults() {
        return new CandidateRules(0.25f, 2, 0.1);
    }

    /** These rules with another absolute bar. */
    public CandidateRules withValueThreshold(float v) {
        return new CandidateRules(v, maxPerEpisode, topFraction);
    }

    /** These rules with another per-response cap. */
    public CandidateRules withMaxPerEpisode(int v) {
        return new CandidateRules(valueThreshold, v, topFraction);
    }

    /** These rules with another top share. */
    public CandidateRules withTopFraction(double v) {
        return new CandidateRules(valueThreshold, maxPerEpisode, v);
    }

    /**
     * The bar a batch's states are held to: {@code valueThreshold}, or the value of the {@code ceil(topFraction·n)}-th
     * highest of the {@code n} offered values when that is lower. With {@code topFraction} 0 or no values it is
     * {@code valueThreshold}.
     *
     * @param offered critic values of every state the batch offers (any order; not modified)
     */
    public float threshold(float[] offered) {
        int n = offered.length;
        // The epsilon keeps 0.1 * 30 = 3.0000000000000004 at 3 states, not 4.
        int top = (int) Math.ceil(topFraction * n - 1e-9);
        if (top == 0) {
            return valueThreshold;
        }
        float[] sorted = offered.clone();
        Arrays.sort(sorted);
        return Math.min(valueThreshold, sorted[n - top]);
    }
}
