package io.rollstream.learner.replay;

/**
 * Thresholds of replay candidate selection; see {@link ReplayCandidates}.
 *
 * @param valueThreshold critic value at or above which a failed episode's state is promising (float,
 *                       default 0.25: the expected reward of a coin flip between solved, +1, and failed, -0.5)
 * @param maxPerEpisode  most states kept from one response (int, default 2, >= 1)
 */
public record CandidateRules(float valueThreshold, int maxPerEpisode) {

    public CandidateRules {
        if (!Float.isFinite(valueThreshold)) {
            throw new IllegalArgumentException("replay valueThreshold must be finite, got " + valueThreshold);
        }
        if (maxPerEpisode < 1) {
            throw new IllegalArgumentException("replay maxPerEpisode must be >= 1, got " + maxPerEpisode);
        }
    }

    /** The defaults listed above. */
    public static CandidateRules defaults() {
        return new CandidateRules(0.25f, 2);
    }
}
