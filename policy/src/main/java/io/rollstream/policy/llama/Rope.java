package io.rollstream.policy.llama;

/**
 * Rotary position embeddings in Hugging Face's rotate-half layout: dimension i of the first half of a head and
 * dimension i of the second half form a pair rotated by angle position * θ^(-2i / headDim). Angles are computed
 * in float32 as transformers does, so positions far into the context round the same way.
 */
public final class Rope {

    private Rope() {}

    /** θ^(-2i / dim) for i in [0, dim / 2). */
    public static float[] inverseFrequencies(double theta, int dim) {
        float[] inv = new float[dim / 2];
        for (int i = 0; i < inv.length; i++) {
            float exponent = (float) (2 * i) / dim;
            inv[i] = (float) (1.0 / Math.pow(theta, exponent));
        }
        return inv;
    }

    /**
     * Cosines and sines (each positions.length * dim, row-major) for every position: entry [p, j] uses the
     * angle position[p] * inv[j mod dim/2], the half repeated as in transformers' {@code cat(freqs, freqs)}.
     */
    public static float[][] cosSin(long[] positions, float[] inverseFrequencies) {
        int half = inverseFrequencies.length;
        int dim = 2 * half;
        float[] cos = new float[positions.length * dim];
        float[] sin = new float[positions.length * dim];
        for (int p = 0; p < positions.length; p++) {
            for (int i = 0; i < half; i++) {
                float angle = (float) positions[p] * inverseFrequencies[i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                cos[p * dim + i] = c;
                cos[p * dim + i + half] = c;
                sin[p * dim + i] = s;
                sin[p * dim + i + half] = s;
            }
        }
        return new float[][] {cos, sin};
    }

    /** Applies the rotation to one head vector on the host: x * cos + rotateHalf(x) * sin (the reference). */
    public static float[] rotate(float[] x, float[] cos, float[] sin) {
        int half = x.length / 2;
        float[] out = new float[x.length];
        for (int i = 0; i < half; i++) {
            out[i] = x[i] * cos[i] - x[i + half] * sin[i];
            out[i + half] = x[i + half] * cos[i + half] + x[i] * sin[i + half];
        }
        return out;
    }
}
