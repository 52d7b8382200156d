package io.rollstream.policy.llama;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.Map;
import io.rollstream.policy.model.Scalars;
import io.rollstream.policy.model.Slices;

/**
 * One decoder layer as transformers' LlamaDecoderLayer computes it: h = x + o(attn(rms(x))), then
 * h + down(silu(gate(rms(h))) * up(rms(h))). Attention is causal and grouped: each key-value head serves
 * {@link LlamaConfig#groupSize()} consecutive query heads, done by folding the group into the query axis
 * instead of copying keys.
 */
final class LlamaLayer {

    private final LlamaConfig config;
    private final int index;
    private final Parameter inputNorm;
    private final Parameter qWeight;
    private final Parameter kWeight;
    private final Parameter vWeight;
    private final Parameter qBias;
    private final Parameter kBias;
    private final Parameter vBias;
    private final Parameter oWeight;
    private final Parameter postNorm;
    private final Parameter gate;
    private final Parameter up;
    private final Parameter down;

    LlamaLayer(LlamaConfig config, int index, Map<String, Parameter> parameters) {
        this.config = config;
        this.index = index;
        String p = TensorNames.layerPrefix(index);
        inputNorm = parameters.get(p + "input_layernorm.weight");
        qWeight = parameters.get(p + "self_attn.q_proj.weight");
        kWeight = parameters.get(p + "self_attn.k_proj.weight");
        vWeight = parameters.get(p + "self_attn.v_proj.weight");
        qBias = parameters.get(p + "self_attn.q_proj.bias");
        kBias = parameters.get(p + "self_attn.k_proj.bias");
        vBias = parameters.get(p + "self_attn.v_proj.bias");
        oWeight = parameters.get(p + "self_attn.o_proj.weight");
        postNorm = parameters.get(p + "post_attention_layernorm.weight");
        gate = parameters.get(p + "mlp.gate_proj.weight");
        up = parameters.get(p + "mlp.up_proj.weight");
        down = parameters.get(p + "mlp.down_proj.weight");
    }

    /**
     * Applies the layer to x (B, S, D) at cache columns [start, start + S); cos and sin (B, 1, S, Dh) rotate
     * queries and keys; bias (B, 1, S or 1, Tk) masks keys. With a cache the new keys are stored and all
     * Tk = start + S cached ones attended; without one Tk = S.
     */
    NDArray forward(ParameterStore store, NDArray x, NDArray cos, NDArray sin, NDArray bias, KvCache cacheOrNull,
            int start, boolean training) {
        Device device = x.getDevice();
        long batch = x.getShape().get(0);
        long steps = x.getShape().get(1);
        int heads = config.heads();
        int kvHeads = config.kvHeads();
        int dh = config.headDim();
        NDArray normed = rmsNorm(x, store.getValue(inputNorm, device, training), config.rmsNormEps()); // (B, S, D)
        NDArray q = heads(linear(store, normed, qWeight, qBias, training), batch, steps, heads, dh); // (B, H, S, Dh)
        NDArray k = heads(linear(store, normed, kWeight, kBias, training), batch, steps, kvHeads, dh); // (B, KvH, S, Dh)
        NDArray v = heads(linear(store, normed, vWeight, vBias, training), batch, steps, kvHeads, dh); // (B, KvH, S, Dh)
        q = rotate(q, cos, sin); // (B, H, S, Dh)
        k = rotate(k, cos, sin); // (B, KvH, S, Dh)
        if (cacheOrNull != null) {
            cacheOrNull.write(index, k, v, start);
            k = cacheOrNull.keys(index, start + (int) steps, x.getManager()); // (B, KvH, Tk, Dh)
            v = cacheOrNull.values(index, start + (int) steps, x.getManager()); // (B, KvH, Tk, Dh)
        }
        long keysLength = k.getShape().get(2);
        int group = config.groupSize();
        NDArray grouped = q.reshape(batch, kvHeads, group * steps, dh); // (B, KvH, g*S, Dh)
        NDArray scores = Scalars.mul(grouped.matMul(k.transpose(0, 1, 3, 2)), 1.0 / Math.sqrt(dh)) // (B, KvH, g*S, Tk)
                .reshape(batch, kvHeads, group, steps, keysLength) // (B, KvH, g, S, Tk)
                .add(bias.expandDims(2)); // bias (B, 1, 1, S or 1, Tk)
        NDArray mixed = scores.softmax(-1).reshape(batch, kvHeads, group * steps, keysLength) // (B, KvH, g*S, Tk)
                .matMul(v) // (B, KvH, g*S, Dh)
                .reshape(batch, heads, steps, dh) // (B, H, S, Dh)
                .transpose(0, 2, 1, 3) // (B, S, H, Dh)
                .reshape(batch, steps, (long) heads * dh); // (B, S, H*Dh)
        NDArray attended = x.add(linear(store, mixed, oWeight, null, training)); // (B, S, D)
        NDArray mlpIn = rmsNorm(attended, store.getValue(postNorm, device, training), config.rmsNormEps()); // (B, S, D)
        NDArray gated = linear(store, mlpIn, gate, null, training); // (B, S, FF)
        NDArray hidden = gated.mul(Activation.sigmoid(gated)).mul(linear(store, mlpIn, up, null, training)); // (B, S, FF)
        return attended.add(linear(store, hidden, down, null, training)); // (B, S, D)
    }

    /** RMSNorm over the last axis: x / sqrt(mean(x²) + eps) * weight. */
    static NDArray rmsNorm(NDArray x, NDArray weight, double eps) {
        NDArray meanSquare = x.square().mean(new int[] {-1}, true); // (..., 1)
        return x.div(meanSquare.add(eps).sqrt()).mul(weight); // (..., D)
    }

    /** x * cos + rotateHalf(x) * sin, with rotateHalf(x) = [-x2, x1] over the head axis. */
    static NDArray rotate(NDArray x, NDArray cos, NDArray sin) {
        long half = x.getShape().get(3) / 2;
        NDArray first = Slices.range(x, 3, 0, half, x.getManager()); // (B, H, S, Dh/2)
        NDArray second = Slices.range(x, 3, half, 2 * half, x.getManager()); // (B, H, S, Dh/2)
        NDArray rotated = second.neg().concat(first, -1); // (B, H, S, Dh)
        return x.mul(cos).add(rotated.mul(sin)); // (B, H, S, Dh)
    }

    private static NDArray heads(NDArray projected, long batch, long steps, int heads, int dh) {
        return projected.reshape(batch, steps, heads, dh).transpose(0, 2, 1, 3); // (B, heads, S, Dh)
    }

    private static NDArray linear(ParameterStore store, NDArray input, Parameter weight, Parameter biasOrNull,
            boolean training) {
        Device device = input.getDevice();
        NDArray w = store.getValue(weight, device, training);
        NDArray b = biasOrNull == null ? null : store.getValue(biasOrNull, device, training);
        NDList out = Linear.linear(input, w, b);
        return out.singletonOrThrow();
    }
}
