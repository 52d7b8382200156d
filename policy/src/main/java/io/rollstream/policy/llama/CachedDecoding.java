package io.rollstream.policy.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.rollstream.policy.model.AttentionBias;
import io.rollstream.policy.model.LeftPadding;
import io.rollstream.policy.model.Slices;
import java.util.List;

/**
 * One batched decoding with a {@link KvCache}: a prefill over the left-padded prompts, then one column per step.
 * The cache and key bias live in the decoding's manager; each step works in a sub-manager of its own.
 */
final class CachedDecoding implements AutoCloseable {

    /** Filler for padding and finished rows; hidden by the key bias or never read. */
    static final int FILLER = 0;

    private final LlamaLm block;
    private final NDManager manager;
    private final ParameterStore store;
    private final KvCache cache;
    private final NDArray keyBias; // (B, 1, 1, capacity)
    private final int[] pads;
    private final int[][] tokens;
    private final int width;
    private int columns;

    CachedDecoding(LlamaLm block, NDManager parent, List<int[]> prompts, int steps) {
        this.block = block;
        this.width = LeftPadding.width(prompts);
        this.pads = LeftPadding.pads(prompts, width);
        int capacity = width + steps - 1;
        this.tokens = new int[prompts.size()][capacity];
        for (int row = 0; row < prompts.size(); row++) {
            System.arraycopy(prompts.get(row), 0, tokens[row], pads[row], prompts.get(row).length);
        }
        this.manager = parent.newSubManager();
        try {
            this.store = new ParameterStore(manager, false);
            this.cache = new KvCache(manager, block.config(), prompts.size(), capacity);
            NDArray keyValid = manager.create(LeftPadding.keyValid(pads, capacity),
                    new Shape(prompts.size(), capacity)); // (B, cap)
            this.keyBias = AttentionBias.fromKeyValid(keyValid); // (B, 1, 1, cap)
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        this.columns = width;
    }

    /** Logits (B * V) for the first token after the prompts. */
    float[] start() {
        return run(0, width);
    }

    /** Appends one token per row and returns the logits (B * V) after it. */
    float[] next(int[] fed) {
        for (int row = 0; row < tokens.length; row++) {
            tokens[row][columns] = fed[row];
        }
        columns++;
        return run(columns - 1, columns);
    }

    private float[] run(int from, int to) {
        int rows = tokens.length;
        long[] ids = new long[rows * (to - from)];
        long[] positions = new long[ids.length];
        for (int row = 0; row < rows; row++) {
            for (int c = from; c < to; c++) {
                int at = row * (to - from) + (c - from);
                ids[at] = c < pads[row] ? FILLER : tokens[row][c];
                positions[at] = LeftPadding.position(c, pads[row], block.config().maxContext());
            }
        }
        try (NDManager step = manager.newSubManager()) {
            NDArray input = step.create(ids, new Shape(rows, to - from)); // (B, S)
            NDArray bias = Slices.range(keyBias, 3, 0, to, step); // (B, 1, 1, Tk)
            return block.lastLogits(store, input, positions, bias, cache, from).toFloatArray(); // (B * V)
        }
    }

    @Override
    public void close() {
        cache.close();
        manager.close();
    }
}
