package io.rollstream.policy.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.rollstream.policy.model.AttentionBias;
import io.rollstream.policy.model.KvCache;
import io.rollstream.policy.model.LeftPadding;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.model.Slices;
import java.util.List;

/**
 * Decodes with a {@link KvCache}: one prefill over the padded prompts, then one token per step. The cache and
 * the key bias live in the generation's manager; every step works in its own sub-manager.
 */
final class CachedDecoder implements StepDecoder {

    private final PolicyModel model;
    private final TokenGrid grid;
    private final NDManager manager;
    private final ParameterStore store;
    private final KvCache cache;
    private final NDArray keyBias; // (B, 1, 1, capacity)

    CachedDecoder(PolicyModel model, List<int[]> prompts, int steps) {
        this.model = model;
        int capacity = LeftPadding.width(prompts) + steps - 1;
        this.grid = new TokenGrid(prompts, capacity, model.config().maxContext());
        this.manager = model.newManager();
        try {
            this.store = new ParameterStore(manager, false);
            this.cache = KvCache.allocate(manager, model.config(), grid.rows(), capacity);
            NDArray keyValid = manager.create(
                    LeftPadding.keyValid(grid.pads(), capacity), new Shape(grid.rows(), capacity)); // (B, cap)
            this.keyBias = AttentionBias.fromKeyValid(keyValid); // (B, 1, 1, cap)
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public float[] start() {
        return run(0, grid.width());
    }

    @Override
    public float[] next(int[] tokens) {
        grid.append(tokens);
        return run(grid.columns() - 1, grid.columns());
    }

    private float[] run(int from, int to) {
        try (NDManager step = manager.newSubManager()) {
            // A single column goes in as (B): the layers then work on (B, D) rows.
            Shape shape = to - from == 1 ? new Shape(grid.rows()) : new Shape(grid.rows(), to - from);
            NDArray tokens = step.create(grid.tokens(from, to), shape); // (B, S) or (B)
            NDArray positions = step.create(grid.positions(from, to), shape); // (B, S) or (B)
            NDArray bias = Slices.range(keyBias, 3, 0, to, step); // (B, 1, 1, Tk)
            NDArray logits = model.block().lastLogits(store, tokens, positions, bias, cache, from); // (B, V)
            return logits.toFloatArray();
        }
    }

    @Override
    public void close() {
        cache.close();
        manager.close();
    }
}
