package io.rollstream.policy.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.rollstream.policy.model.AttentionBias;
import io.rollstream.policy.model.LeftPadding;
import io.rollstream.policy.model.PolicyModel;
import java.util.List;

/**
 * Decodes without a cache, recomputing the whole sequence at every step: the baseline the KV cache is
 * measured against, and an independent check of it.
 */
final class RecomputeDecoder implements StepDecoder {

    private final PolicyModel model;
    private final TokenGrid grid;
    private final NDManager manager;
    private final ParameterStore store;

    RecomputeDecoder(PolicyModel model, List<int[]> prompts, int steps) {
        this.model = model;
        this.grid = new TokenGrid(prompts, LeftPadding.width(prompts) + steps - 1, model.config().maxContext());
        this.manager = model.newManager();
        this.store = new ParameterStore(manager, false);
    }

    @Override
    public float[] start() {
        return run();
    }

    @Override
    public float[] next(int[] tokens) {
        grid.append(tokens);
        return run();
    }

    private float[] run() {
        int columns = grid.columns();
        try (NDManager step = manager.newSubManager()) {
            Shape shape = new Shape(grid.rows(), columns);
            NDArray tokens = step.create(grid.tokens(0, columns), shape); // (B, T)
            NDArray positions = step.create(grid.positions(0, columns), shape); // (B, T)
            NDArray keyValid = step.create(LeftPadding.keyValid(grid.pads(), columns), shape); // (B, T)
            NDArray keyBias = AttentionBias.fromKeyValid(keyValid); // (B, 1, 1, T)
            NDArray logits = model.block().lastLogits(store, tokens, positions, keyBias, null, 0); // (B, V)
            return logits.toFloatArray();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
