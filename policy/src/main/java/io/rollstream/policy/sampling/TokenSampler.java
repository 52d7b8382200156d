package io.rollstream.policy.sampling;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Draws one token from a row of logits on the host, in double precision: temperature scaling, optional
 * nucleus (top-p) truncation, and the log-prob under log softmax(logits / temperature) before truncation
 * (log softmax(logits) when greedy), the definition the learner recomputes.
 */
public final class TokenSampler {

    private TokenSampler() {}

    public static SampledToken sample(
            float[] logits, int offset, int vocab, float temperature, float topP, RandomGenerator random) {
        double scale = temperature == 0 ? 1.0 : 1.0 / temperature;
        double[] logProbs = logSoftmax(logits, offset, vocab, scale);
        int id;
        if (temperature == 0) {
            id = argmax(logits, offset, vocab);
        } else if (topP >= 1) {
            id = draw(logProbs, order(logProbs, false), vocab, random);
        } else {
            int[] byProbability = order(logProbs, true);
            int kept = 0;
            double mass = 0;
            while (kept < vocab && mass < topP) {
                mass += Math.exp(logProbs[byProbability[kept++]]);
            }
            id = draw(logProbs, byProbability, kept, random);
        }
        return new SampledToken(id, (float) logProbs[id]);
    }

    private static double[] logSoftmax(float[] logits, int offset, int vocab, double scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, logits[offset + i] * scale);
        }
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            sum += Math.exp(logits[offset + i] * scale - max);
        }
        double logNormaliser = max + Math.log(sum);
        double[] logProbs = new double[vocab];
        for (int i = 0; i < vocab; i++) {
            logProbs[i] = logits[offset + i] * scale - logNormaliser;
        }
        return logProbs;
    }

    private static int argmax(float[] logits, int offset, int vocab) {
        int best = 0;
        for (int i = 1; i < vocab; i++) {
            if (logits[offset + i] > logits[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    /** Draws among the first {@code count} ids of {@code ids} in proportion to their probabilities. */
    private static int draw(double[] logProbs, int[] ids, int count, RandomGenerator random) {
        double mass = 0;
        for (int k = 0; k < count; k++) {
            mass += Math.exp(logProbs[ids[k]]);
        }
        // Summing again in the same order reaches exactly `mass`, so the target below is always passed.
        double target = random.nextDouble() * mass;
        double cumulative = 0;
        for (int k = 0; k < count; k++) {
            cumulative += Math.exp(logProbs[ids[k]]);
            if (target < cumulative) {
                return ids[k];
            }
        }
        return ids[count - 1]; // unreachable unless the logits hold NaN
    }

    /** Token ids in id order, or by descending probability (ties by id) for nucleus truncation. */
    private static int[] order(double[] logProbs, boolean byProbability) {
        Integer[] ids = new Integer[logProbs.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        if (byProbability) {
            Arrays.sort(ids, (a, b) -> {
                int byValue = Double.compare(logProbs[b], logProbs[a]);
                return byValue != 0 ? byValue : Integer.compare(a, b);
            });
        }
        int[] result = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            result[i] = ids[i];
        }
        return result;
    }
}
