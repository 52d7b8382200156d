package io.rollstream.policy.llama;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.rollstream.policy.model.AttentionBias;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Llama- or Qwen2-family decoder with a critic as one DJL block. Parameters carry their Hugging Face names
 * ({@link TensorNames}); the value head is a linear map of the trunk's final hidden state, zero-initialised so
 * a fresh critic predicts 0 everywhere. As a block it takes {@code [tokens (B, T) int64, positions (B, T) int64,
 * keyValid (B, T) float32]} and returns {@code [logits (B, T, V), values (B, T)]}.
 */
public final class LlamaLm extends AbstractBlock {

    /** Input shapes for {@code initialize}: every parameter shape is fixed by the config. */
    public static final Shape[] INPUT_SHAPES = {new Shape(1, 1), new Shape(1, 1), new Shape(1, 1)};

    private final LlamaConfig config;
    private final Map<String, Parameter> parameters;
    private final Map<String, long[]> shapes;
    private final List<LlamaLayer> layers = new ArrayList<>();
    private final float[] inverseFrequencies;

    LlamaLm(LlamaConfig config) {
        this.config = config;
        Map<String, long[]> allShapes = new LinkedHashMap<>(TensorNames.expected(config));
        allShapes.put(TensorNames.VALUE_WEIGHT, new long[] {1, config.hiddenSize()});
        allShapes.put(TensorNames.VALUE_BIAS, new long[] {1});
        this.shapes = Collections.unmodifiableMap(allShapes);
        Map<String, Parameter> byName = new LinkedHashMap<>();
        // No shape on the parameters: DJL only accepts arrays set from outside on shapeless ones (see load).
        shapes.keySet().forEach(name -> byName.put(name, addParameter(Parameter.builder()
                .setName(name)
                .setType(name.endsWith("bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT)
                .optInitializer(Initializer.ZEROS)
                .build())));
        this.parameters = Collections.unmodifiableMap(byName);
        for (int i = 0; i < config.layers(); i++) {
            layers.add(new LlamaLayer(config, i, parameters));
        }
        this.inverseFrequencies = Rope.inverseFrequencies(config.ropeTheta(), config.headDim());
    }

    /** Row-major shape of every parameter, by name, critic included. */
    public Map<String, long[]> shapes() {
        return shapes;
    }

    /** The architecture. */
    public LlamaConfig config() {
        return config;
    }

    /** Every parameter by its Hugging Face name, language model first, critic last. */
    public Map<String, Parameter> parametersByName() {
        return parameters;
    }

    /**
     * Final hidden states (B, S, D) for tokens (B, S) int64 at positions {@code positions} (B * S, row-major)
     * and cache columns [start, start + S); {@code bias} (B, 1, S or 1, Tk) from {@link AttentionBias}.
     */
    NDArray hidden(ParameterStore store, NDArray tokens, long[] positions, NDArray bias, KvCache cacheOrNull,
            int start, boolean training) {
        Device device = tokens.getDevice();
        NDManager manager = tokens.getManager();
        long batch = tokens.getShape().get(0);
        long steps = tokens.getShape().get(1);
        NDArray embedding = store.getValue(parameters.get(TensorNames.EMBED), device, training); // (V, D)
        NDArray x = Embedding.embedding(tokens, embedding, SparseFormat.DENSE).singletonOrThrow(); // (B, S, D)
        float[][] cosSin = Rope.cosSin(positions, inverseFrequencies);
        Shape ropeShape = new Shape(batch, 1, steps, config.headDim());
        NDArray cos = manager.create(cosSin[0], ropeShape); // (B, 1, S, Dh)
        NDArray sin = manager.create(cosSin[1], ropeShape); // (B, 1, S, Dh)
        for (LlamaLayer layer : layers) {
            x = layer.forward(store, x, cos, sin, bias, cacheOrNull, start, training); // (B, S, D)
        }
        NDArray norm = store.getValue(parameters.get("model.norm.weight"), device, training); // (D)
        return LlamaLayer.rmsNorm(x, norm, config.rmsNormEps()); // (B, S, D)
    }

    /** Next-token logits (..., V) from hidden states (..., D). */
    NDArray logits(ParameterStore store, NDArray hidden, boolean training) {
        String head = config.tieEmbeddings() ? TensorNames.EMBED : TensorNames.LM_HEAD;
        NDArray weight = store.getValue(parameters.get(head), hidden.getDevice(), training); // (V, D)
        return Linear.linear(hidden, weight, null).singletonOrThrow(); // (..., V)
    }

    /** Critic values (B, T) from hidden states (B, T, D). */
    NDArray values(ParameterStore store, NDArray hidden, boolean training) {
        Device device = hidden.getDevice();
        NDArray weight = store.getValue(parameters.get(TensorNames.VALUE_WEIGHT), device, training); // (1, D)
        NDArray bias = store.getValue(parameters.get(TensorNames.VALUE_BIAS), device, training); // (1)
        return Linear.linear(hidden, weight, bias).singletonOrThrow().squeeze(2); // (B, T)
    }

    /**
     * Logits (B, V) after the last of S new columns, for sampling: tokens (B, S) at cache columns
     * [start, start + S), keyBias (B, 1, 1, start + S). The value head is not run.
     */
    NDArray lastLogits(ParameterStore store, NDArray tokens, long[] positions, NDArray keyBias, KvCache cache,
            int start) {
        int queries = (int) tokens.getShape().get(1);
        NDArray bias = AttentionBias.forQueries(keyBias, queries, start); // (B, 1, S or 1, Tk)
        NDArray hidden = hidden(store, tokens, positions, bias, cache, start, false); // (B, S, D)
        return logits(store, hidden.get(new NDIndex(":, -1, :")), false); // (B, V)
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray tokens = inputs.get(0); // (B, T)
        long[] positions = inputs.get(1).toLongArray(); // (B * T)
        int length = (int) tokens.getShape().get(1);
        NDArray bias = AttentionBias.forQueries(AttentionBias.fromKeyValid(inputs.get(2)), length, 0); // (B, 1, T, T)
        NDArray hidden = hidden(store, tokens, positions, bias, null, 0, training); // (B, T, D)
        return new NDList(logits(store, hidden, training), values(store, hidden, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape tokens = inputShapes[0];
        return new Shape[] {
            new Shape(tokens.get(0), tokens.get(1), config.vocabSize()), new Shape(tokens.get(0), tokens.get(1))
        };
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // no child blocks: every parameter belongs to this block
    }
}
