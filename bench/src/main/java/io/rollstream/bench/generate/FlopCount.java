package io.rollstream.bench.generate;

import io.rollstream.policy.model.ModelConfig;

/**
 * Floating-point operations of one forward pass (a multiply-add counts 2), as executed: padded columns and
 * masked attention scores included, embeddings, norms and softmax left out (they are a few percent).
 */
final class FlopCount {

    private FlopCount() {}

    /**
     * {@code batch} rows of {@code queries} new columns attending to {@code keys} columns, with the language-model
     * head applied to {@code headColumns} columns per row.
     */
    static double forward(ModelConfig config, long batch, long queries, long keys, long headColumns) {
        double perLayer = 2.0 * config.layerMatmulWeights() * queries // projections and MLP
                + 4.0 * queries * keys * config.dModel(); // scores QK^T and the weighted sum of V
        double head = 2.0 * config.dModel() * config.vocabSize() * headColumns;
        return batch * (config.layers() * perLayer + head);
    }

    /** One KV-cached generation: a prefill over {@code width} columns, then one column per further step. */
    static double cached(ModelConfig config, long batch, int width, int steps) {
        double total = forward(config, batch, width, width, 1);
        for (int n = 1; n < steps; n++) {
            total += forward(config, batch, 1, width + n, 1);
        }
        return total;
    }

    /** One generation recomputing the whole sequence at each of {@code steps} steps. */
    static double recomputed(ModelConfig config, long batch, int width, int steps) {
        double total = 0;
        for (int n = 0; n < steps; n++) {
            total += forward(config, batch, width + n, width + n, 1);
        }
        return total;
    }
}
