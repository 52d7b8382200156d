package io.rollstream.policy.llama;

/**
 * Undoes the row permutation llama.cpp's converter applies to Llama query and key projections. ggml's rotary
 * kernel for Llama rotates adjacent pairs (2i, 2i + 1), so the converter reorders each head's rows from
 * Hugging Face's halves layout: GGUF row 2i + j of a head is Hugging Face row j * headDim/2 + i (j in {0, 1}).
 * Qwen2 files use the halves layout as they are and are not permuted.
 */
public final class QkPermutation {

    private QkPermutation() {}

    /** Rows of {@code ggufRows} (heads * headDim rows of {@code columns} values) back in Hugging Face order. */
    public static float[] toHuggingFace(float[] ggufRows, int heads, int headDim, int columns) {
        if (ggufRows.length != (long) heads * headDim * columns) {
            throw new IllegalArgumentException(ggufRows.length + " values are not " + heads + " heads of "
                    + headDim + " rows of " + columns);
        }
        float[] out = new float[ggufRows.length];
        int half = headDim / 2;
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < half; i++) {
                for (int j = 0; j < 2; j++) {
                    int from = h * headDim + 2 * i + j;
                    int to = h * headDim + j * half + i;
                    System.arraycopy(ggufRows, from * columns, out, to * columns, columns);
                }
            }
        }
        return out;
    }
}
