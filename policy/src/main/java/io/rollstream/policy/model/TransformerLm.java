package io.rollstream.policy.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The policy network as a DJL block: a decoder-only transformer trunk, a language-model head and a value head
 * (on the same trunk or on a trunk of its own, see {@link ValueHeadKind}). As a {@link ai.djl.nn.Block} it takes
 * {@code [tokens (B, T) int64, positions (B, T) int64, keyValid (B, T) float32]} and returns
 * {@code [logits (B, T, V), values (B, T)]}; sampling uses {@link #lastLogits} with an optional KV cache.
 */
public final class TransformerLm extends AbstractBlock {

    /** Input shapes to pass to {@code initialize} (a batch of one token; every parameter shape is fixed). */
    public static final Shape[] INPUT_SHAPES = {new Shape(1, 1), new Shape(1, 1), new Shape(1, 1)};

    private final ModelConfig config;
    private final Trunk trunk;
    private final Trunk valueTrunk;
    private final Parameter lmHeadWeight;
    private final Parameter valueHeadWeight;
    private final Parameter valueHeadBias;

    TransformerLm(ModelConfig config, long seed) {
        this.config = config;
        ParameterFactory factory = new ParameterFactory(seed, config.layers());
        trunk = addChildBlock("trunk", new Trunk(config, factory));
        valueTrunk = config.valueHead() == ValueHeadKind.SEPARATE
                ? addChildBlock("valueTrunk", new Trunk(config, factory))
                : null;
        lmHeadWeight = addParameter(factory.weight("lmHeadWeight", config.vocabSize(), config.dModel()));
        valueHeadWeight = addParameter(factory.weight("valueHeadWeight", 1, config.dModel()));
        valueHeadBias = addParameter(factory.bias("valueHeadBias", 1));
    }

    /** The architecture this block was built for. */
    public ModelConfig config() {
        return config;
    }

    /**
     * Logits (B, V) for the token after the last of S input columns, for sampling. Tokens and positions are
     * (B, S) int64 at absolute columns [start, start + S), or (B) for one column, which a cached decoding step
     * runs on (B, D) rows throughout (see {@link DecoderLayer#forward}); {@code keyBias} (B, 1, 1, start + S) from
     * {@link AttentionBias#fromKeyValid}. With a cache, earlier columns come from it and these S are added;
     * without one, {@code start} must be 0 and the whole sequence is recomputed. The value path is not run.
     */
    public NDArray lastLogits(
            ParameterStore store,
            NDArray tokens,
            NDArray positions,
            NDArray keyBias,
            KvCache cacheOrNull,
            int start) {
        int queries = tokens.getShape().dimension() == 1 ? 1 : (int) tokens.getShape().get(1);
        if (cacheOrNull == null && start != 0) {
            throw new IllegalArgumentException("recomputation starts at column 0, got " + start);
        }
        NDArray bias = AttentionBias.forQueries(keyBias, queries, start); // (B, 1, S, Tk)
        NDArray hidden = trunk.forward(store, tokens, positions, bias, cacheOrNull, start, false); // (B, S, D)
        NDArray last = hidden.getShape().dimension() == 2 ? hidden : hidden.get(new NDIndex(":, -1, :")); // (B, D)
        return DecoderLayer.linear(last, store, tokens.getDevice(), false, lmHeadWeight, null); // (B, V)
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = inputs.get(0); // (B, T)
        NDArray positions = inputs.get(1); // (B, T)
        int length = (int) tokens.getShape().get(1);
        NDArray bias = AttentionBias.forQueries(
                AttentionBias.fromKeyValid(inputs.get(2)), length, 0); // (B, 1, T, T)
        Device device = tokens.getDevice();
        NDArray hidden = trunk.forward(store, tokens, positions, bias, null, 0, training); // (B, T, D)
        NDArray logits = DecoderLayer.linear(hidden, store, device, training, lmHeadWeight, null); // (B, T, V)
        NDArray valueHidden = valueTrunk == null
                ? hidden
                : valueTrunk.forward(store, tokens, positions, bias, null, 0, training); // (B, T, D)
        NDArray values = DecoderLayer.linear(
                valueHidden, store, device, training, valueHeadWeight, valueHeadBias).squeeze(2); // (B, T)
        return new NDList(logits, values);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        trunk.initialize(manager, dataType, inputShapes);
        if (valueTrunk != null) {
            valueTrunk.initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        return new Shape[] {
            new Shape(tokens.get(0), tokens.get(1), config.vocabSize()), new Shape(tokens.get(0), tokens.get(1))
        };
    }
}
