package io.rollstream.policy.sampling;

/**
 * How to sample: temperature (0 = greedy), nucleus mass top-p in (0, 1], at most {@code maxNewTokens} tokens,
 * and a seed that makes a call reproducible (row i of a call always draws from the same stream).
 */
public record SamplingParams(float temperature, float topP, int maxNewTokens, long seed) {

    public SamplingParams {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("maxNewTokens must be positive, got " + maxNewTokens);
        }
    }

    /** Greedy decoding: always the most likely token, lowest id on ties. */
    public static SamplingParams greedy(int maxNewTokens) {
        return new SamplingParams(0f, 1f, maxNewTokens, 0L);
    }
}
