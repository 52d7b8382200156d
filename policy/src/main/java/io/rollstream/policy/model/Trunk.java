package io.rollstream.policy.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/** Token and learned position embeddings, the stack of decoder layers and the final layer norm. */
final class Trunk extends AbstractBlock {

    private final ModelConfig config;
    private final Parameter tokenEmbedding;
    private final Parameter positionEmbedding;
    private final List<DecoderLayer> layers = new ArrayList<>();
    private final Parameter finalNormGamma;
    private final Parameter finalNormBeta;

    Trunk(ModelConfig config, ParameterFactory factory) {
        this.config = config;
        tokenEmbedding = addParameter(factory.weight("tokenEmbedding", config.vocabSize(), config.dModel()));
        positionEmbedding = addParameter(
                factory.weight("positionEmbedding", config.maxContext(), config.dModel()));
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("layer" + i, new DecoderLayer(config, i, factory)));
        }
        finalNormGamma = addParameter(factory.gamma("finalNormGamma", config.dModel()));
        finalNormBeta = addParameter(factory.beta("finalNormBeta", config.dModel()));
    }

    /**
     * Hidden states (B, S, D) after the final norm for token ids (B, S) at per-row positions (B, S), both int64;
     * {@code bias} and the cache as in {@link DecoderLayer#forward}. Tokens and positions of shape (B), one
     * column, give (B, D).
     */
    NDArray forward(
            ParameterStore store,
            NDArray tokens,
            NDArray positions,
            NDArray bias,
            KvCache cacheOrNull,
            int start,
            boolean training) {
        Device device = tokens.getDevice();
        NDArray tokenWeights = store.getValue(tokenEmbedding, device, training); // (V, D)
        NDArray positionWeights = store.getValue(positionEmbedding, device, training); // (C, D)
        NDArray x = Embedding.embedding(tokens, tokenWeights, SparseFormat.DENSE).singletonOrThrow() // (B, S, D)
                .add(Embedding.embedding(positions, positionWeights, SparseFormat.DENSE).singletonOrThrow());
        for (DecoderLayer layer : layers) {
            x = layer.forward(store, x, bias, cacheOrNull, start, training); // (B, S, D)
        }
        return DecoderLayer.norm(x, store, device, training, finalNormGamma, finalNormBeta); // (B, S, D)
    }

    /** Inputs: tokens (B, T), positions (B, T), attention bias (B, 1, T, T); output: hidden states (B, T, D). */
    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(store, inputs.get(0), inputs.get(1), inputs.get(2), null, 0, training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape hidden = new Shape(1, 1, config.dModel());
        for (DecoderLayer layer : layers) {
            layer.initialize(manager, dataType, hidden, new Shape(1, 1, 1, 1));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        return new Shape[] {new Shape(tokens.get(0), tokens.get(1), config.dModel())};
    }
}
