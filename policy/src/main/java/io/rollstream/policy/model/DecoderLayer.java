package io.rollstream.policy.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-norm transformer layer: x + attention(norm(x)), then x + mlp(norm(x)), with causal multi-head
 * self-attention whose keys and values optionally go through a {@link KvCache}.
 */
final class DecoderLayer extends AbstractBlock {

    private static final float NORM_EPSILON = 1e-5f;

    private final ModelConfig config;
    private final int index;
    private final Parameter attentionNormGamma;
    private final Parameter attentionNormBeta;
    private final Parameter qkvWeight;
    private final Parameter qkvBias;
    private final Parameter attentionOutWeight;
    private final Parameter attentionOutBias;
    private final Parameter mlpNormGamma;
    private final Parameter mlpNormBeta;
    private final Parameter mlpUpWeight;
    private final Parameter mlpUpBias;
    private final Parameter mlpDownWeight;
    private final Parameter mlpDownBias;

    DecoderLayer(ModelConfig config, int index, ParameterFactory factory) {
        this.config = config;
        this.index = index;
        int d = config.dModel();
        int ff = config.dFF();
        attentionNormGamma = addParameter(factory.gamma("attentionNormGamma", d));
        attentionNormBeta = addParameter(factory.beta("attentionNormBeta", d));
        qkvWeight = addParameter(factory.weight("qkvWeight", 3L * d, d));
        qkvBias = addParameter(factory.bias("qkvBias", 3L * d));
        attentionOutWeight = addParameter(factory.residualWeight("attentionOutWeight", d, d));
        attentionOutBias = addParameter(factory.bias("attentionOutBias", d));
        mlpNormGamma = addParameter(factory.gamma("mlpNormGamma", d));
        mlpNormBeta = addParameter(factory.beta("mlpNormBeta", d));
        mlpUpWeight = addParameter(factory.weight("mlpUpWeight", ff, d));
        mlpUpBias = addParameter(factory.bias("mlpUpBias", ff));
        mlpDownWeight = addParameter(factory.residualWeight("mlpDownWeight", d, ff));
        mlpDownBias = addParameter(factory.bias("mlpDownBias", d));
    }

    /**
     * Applies the layer to {@code x} (B, S, D) at absolute columns [start, start + S). {@code bias} (B, 1, S, Tk)
     * is added to attention scores: 0 where a key may be seen, a large negative number where not. With a cache
     * the new keys and values are stored and all Tk = start + S cached ones attended; without one, Tk = S.
     * A decoding step may pass {@code x} as (B, D), one query per row, and gets (B, D) back: the projections
     * then run as plain matrix products, fewer native calls than on (B, 1, D).
     */
    NDArray forward(
            ParameterStore store, NDArray x, NDArray bias, KvCache cacheOrNull, int start, boolean training) {
        Device device = x.getDevice();
        Shape rows = x.getShape();
        long batch = rows.get(0);
        long steps = rows.dimension() == 2 ? 1 : rows.get(1);
        int d = config.dModel();
        NDArray normed = norm(x, store, device, training, attentionNormGamma, attentionNormBeta); // (B, S, D)
        NDArray qkv = linear(normed, store, device, training, qkvWeight, qkvBias); // (B, S, 3D)
        NDArray heads = qkv.reshape(batch, steps, 3, config.heads(), config.headDim())
                .transpose(2, 0, 3, 1, 4); // (3, B, H, S, Dh)
        NDArray queries = Scalars.mul(heads.get(0), 1.0 / Math.sqrt(config.headDim())); // (B, H, S, Dh)
        NDArray keys = heads.get(1); // (B, H, S, Dh)
        NDArray values = heads.get(2); // (B, H, S, Dh)
        if (cacheOrNull != null) {
            cacheOrNull.write(index, keys, values, start);
            keys = cacheOrNull.keys(index, start + (int) steps, x.getManager()); // (B, H, Tk, Dh)
            values = cacheOrNull.values(index, start + (int) steps, x.getManager()); // (B, H, Tk, Dh)
        }
        NDArray scores = queries.matMul(keys.transpose(0, 1, 3, 2)).add(bias); // (B, H, S, Tk)
        NDArray mixed = scores.softmax(-1).matMul(values); // (B, H, S, Dh)
        // One query per row is already in (B, S, H, Dh) order, so it needs no transpose.
        NDArray merged = steps == 1
                ? mixed.reshape(rows) // (B, S, D) or (B, D)
                : mixed.transpose(0, 2, 1, 3).reshape(batch, steps, d); // (B, S, D)
        NDArray attended = x.add(
                linear(merged, store, device, training, attentionOutWeight, attentionOutBias)); // (B, S, D)
        NDArray mlpIn = norm(attended, store, device, training, mlpNormGamma, mlpNormBeta); // (B, S, D)
        NDArray hidden = Activation.gelu(
                linear(mlpIn, store, device, training, mlpUpWeight, mlpUpBias)); // (B, S, FF)
        return attended.add(linear(hidden, store, device, training, mlpDownWeight, mlpDownBias)); // (B, S, D)
    }

    static NDArray linear(
            NDArray input, ParameterStore store, Device device, boolean training, Parameter w, Parameter b) {
        NDArray weight = store.getValue(w, device, training);
        NDArray bias = b == null ? null : store.getValue(b, device, training);
        return Linear.linear(input, weight, bias).singletonOrThrow();
    }

    static NDArray norm(
            NDArray input, ParameterStore store, Device device, boolean training, Parameter g, Parameter b) {
        NDArray gamma = store.getValue(g, device, training);
        NDArray beta = store.getValue(b, device, training);
        Shape normalized = new Shape(input.getShape().get(input.getShape().dimension() - 1));
        return LayerNorm.layerNorm(input, normalized, gamma, beta, NORM_EPSILON).singletonOrThrow();
    }

    /** Inputs: x (B, T, D) and the additive attention bias (B, 1, T, T); output: x (B, T, D). */
    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(store, inputs.get(0), inputs.get(1), null, 0, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
