package io.rollstream.policy.sampling;

import io.rollstream.policy.model.LeftPadding;
import io.rollstream.policy.tokenizer.CharTokenizer;
import java.util.Arrays;
import java.util.List;

/**
 * The host-side copy of a batch being decoded: prompts left-padded to a common width, then the tokens fed so
 * far, with each column's per-row position ({@link LeftPadding}).
 */
final class TokenGrid {

    private final int rows;
    private final int width;
    private final int[] pads;
    private final int maxContext;
    private final int[][] tokens;
    private int columns;

    TokenGrid(List<int[]> prompts, int capacity, int maxContext) {
        this.rows = prompts.size();
        this.width = LeftPadding.width(prompts);
        this.pads = LeftPadding.pads(prompts, width);
        this.maxContext = maxContext;
        this.tokens = new int[rows][Math.max(capacity, width)];
        for (int row = 0; row < rows; row++) {
            int[] prompt = prompts.get(row);
            Arrays.fill(tokens[row], 0, pads[row], CharTokenizer.PAD);
            System.arraycopy(prompt, 0, tokens[row], pads[row], prompt.length);
        }
        this.columns = width;
    }

    int rows() {
        return rows;
    }

    int width() {
        return width;
    }

    int columns() {
        return columns;
    }

    int[] pads() {
        return pads;
    }

    void append(int[] next) {
        for (int row = 0; row < rows; row++) {
            tokens[row][columns] = next[row];
        }
        columns++;
    }

    /** Token ids of columns [from, to), row-major (B * (to - from)). */
    long[] tokens(int from, int to) {
        long[] out = new long[rows * (to - from)];
        for (int row = 0; row < rows; row++) {
            for (int column = from; column < to; column++) {
                out[row * (to - from) + column - from] = tokens[row][column];
            }
        }
        return out;
    }

    /** Positions of columns [from, to), row-major (B * (to - from)). */
    long[] positions(int from, int to) {
        long[] out = new long[rows * (to - from)];
        for (int row = 0; row < rows; row++) {
            for (int column = from; column < to; column++) {
                out[row * (to - from) + column - from] = LeftPadding.position(column, pads[row], maxContext);
            }
        }
        return out;
    }
}
