package io.rollstream.policy.model;

import java.util.List;

/**
 * The one batch layout shared by sampling and scoring: prompts are left-padded to a common width W, so every
 * row's next token sits at the same column and responses start at column W. A token's position is its column
 * minus its row's padding, so padding never shifts positions; padded keys are hidden by the attention bias.
 */
public final class LeftPadding {

    private LeftPadding() {}

    /** Widest prompt. */
    public static int width(List<int[]> prompts) {
        int width = 0;
        for (int[] prompt : prompts) {
            width = Math.max(width, prompt.length);
        }
        return width;
    }

    /** Padding columns before each prompt. */
    public static int[] pads(List<int[]> prompts, int width) {
        int[] pads = new int[prompts.size()];
        for (int row = 0; row < pads.length; row++) {
            pads[row] = width - prompts.get(row).length;
        }
        return pads;
    }

    /**
     * Position of {@code column} in a row with {@code pad} padding columns. Padding and columns past the
     * context (only ever filler after a row has finished) are clamped into the embedding table; their
     * outputs are never read.
     */
    public static long position(int column, int pad, int maxContext) {
        return Math.min(Math.max(column - pad, 0), maxContext - 1);
    }

    /** Key-valid flags (B * T, row-major): 1 from a row's first prompt token on, 0 on its padding. */
    public static float[] keyValid(int[] pads, int columns) {
        float[] valid = new float[pads.length * columns];
        for (int row = 0; row < pads.length; row++) {
            for (int column = pads[row]; column < columns; column++) {
                valid[row * columns + column] = 1f;
            }
        }
        return valid;
    }
}
