package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;

/**
 * Batch whitening of advantages over trained positions only, so prompt, feedback and padding zeros do not
 * drag the statistics: {@code A' = (A - mean) / sqrt(var + 1e-8)} at trained positions, 0 elsewhere. The mean
 * and the sample variance (n - 1, as verl's {@code masked_whiten}) are taken over every trained token of the
 * batch; with fewer than two trained tokens the variance is taken as 0. Whether to whiten is the learner's
 * configuration; GAE advantages are usually whitened, group advantages are already normalised.
 */
public final class AdvantageWhitening {

    /** Keeps the division finite when every trained advantage is equal. */
    public static final float VARIANCE_FLOOR = 1e-8f;

    private AdvantageWhitening() {
    }

    /** Host form: {@code advantages} and {@code responseMask} are (B, T); returns a new (B, T) array. */
    public static float[][] whiten(float[][] advantages, float[][] responseMask) {
        int cols = HostArrays.requireMask(responseMask);
        HostArrays.requireShape("advantages", advantages, responseMask.length, cols);
        double sum = 0;
        long count = 0;
        for (int b = 0; b < advantages.length; b++) {
            for (int t = 0; t < cols; t++) {
                if (responseMask[b][t] == 1f) {
                    sum += advantages[b][t];
                    count++;
                }
            }
        }
        float[][] whitened = new float[advantages.length][cols];
        if (count == 0) {
            return whitened;
        }
        double mean = sum / count;
        double squares = 0;
        for (int b = 0; b < advantages.length; b++) {
            for (int t = 0; t < cols; t++) {
                if (responseMask[b][t] == 1f) {
                    squares += (advantages[b][t] - mean) * (advantages[b][t] - mean);
                }
            }
        }
        double variance = count > 1 ? squares / (count - 1) : 0;
        double scale = 1 / Math.sqrt(variance + VARIANCE_FLOOR);
        for (int b = 0; b < advantages.length; b++) {
            for (int t = 0; t < cols; t++) {
                whitened[b][t] = (float) ((advantages[b][t] - mean) * scale * responseMask[b][t]);
            }
        }
        return whitened;
    }

    /** Device form, same rule: {@code advantages} (B, T), {@code responseMask} (B, T); returns (B, T). */
    public static NDArray whiten(NDArray advantages, NDArray responseMask) {
        HostArrays.requireSameShape("advantages", advantages, "responseMask", responseMask);
        NDArray mask = HostArrays.floatMask(responseMask); // (B, T)
        NDArray count = mask.sum(); // ()
        NDArray safeCount = count.maximum(1f); // ()
        NDArray mean = advantages.mul(mask).sum().div(safeCount); // ()
        NDArray centred = advantages.sub(mean).mul(mask); // (B, T)
        NDArray variance = centred.square().sum().div(count.sub(1f).maximum(1f)); // ()
        return centred.div(variance.add(VARIANCE_FLOOR).sqrt()); // (B, T)
    }
}
