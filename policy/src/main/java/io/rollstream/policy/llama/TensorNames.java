package io.rollstream.policy.llama;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Hugging Face tensor names and shapes a config implies, in the order transformers' {@code save_pretrained}
 * writes them, and the GGUF name of each. These names are the model's own: folders, GGUF files and the
 * safetensors this module writes all map onto them.
 */
public final class TensorNames {

    /** Critic weight (1, hidden) on the trunk's last hidden state; not part of any pretrained checkpoint. */
    public static final String VALUE_WEIGHT = "value_head.weight";
    /** Critic bias (1). */
    public static final String VALUE_BIAS = "value_head.bias";
    /** Token embedding (vocab, hidden). */
    public static final String EMBED = "model.embed_tokens.weight";
    /** Output projection (vocab, hidden), absent when tied to the embedding. */
    public static final String LM_HEAD = "lm_head.weight";

    private TensorNames() {}

    /** Every language-model tensor of {@code config} with its row-major shape (no critic). */
    public static Map<String, long[]> expected(LlamaConfig config) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        long d = config.hiddenSize();
        long q = (long) config.heads() * config.headDim();
        long kv = (long) config.kvHeads() * config.headDim();
        long ff = config.intermediateSize();
        shapes.put(EMBED, new long[] {config.vocabSize(), d});
        for (int i = 0; i < config.layers(); i++) {
            String p = layerPrefix(i);
            shapes.put(p + "input_layernorm.weight", new long[] {d});
            shapes.put(p + "self_attn.q_proj.weight", new long[] {q, d});
            shapes.put(p + "self_attn.k_proj.weight", new long[] {kv, d});
            shapes.put(p + "self_attn.v_proj.weight", new long[] {kv, d});
            if (config.family().qkvBias()) {
                shapes.put(p + "self_attn.q_proj.bias", new long[] {q});
                shapes.put(p + "self_attn.k_proj.bias", new long[] {kv});
                shapes.put(p + "self_attn.v_proj.bias", new long[] {kv});
            }
            shapes.put(p + "self_attn.o_proj.weight", new long[] {d, q});
            shapes.put(p + "post_attention_layernorm.weight", new long[] {d});
            shapes.put(p + "mlp.gate_proj.weight", new long[] {ff, d});
            shapes.put(p + "mlp.up_proj.weight", new long[] {ff, d});
            shapes.put(p + "mlp.down_proj.weight", new long[] {d, ff});
        }
        shapes.put("model.norm.weight", new long[] {d});
        if (!config.tieEmbeddings()) {
            shapes.put(LM_HEAD, new long[] {config.vocabSize(), d});
        }
        return shapes;
    }

    /** Prefix of layer {@code i}'s tensors. */
    public static String layerPrefix(int i) {
        return "model.layers." + i + ".";
    }

    /** The GGUF name llama.cpp's converter gives a Hugging Face tensor name. */
    public static String ggufName(String hfName) {
        if (hfName.equals(EMBED)) {
            return "token_embd.weight";
        }
        if (hfName.equals("model.norm.weight")) {
            return "output_norm.weight";
        }
        if (hfName.equals(LM_HEAD)) {
            return "output.weight";
        }
        String rest = hfName.substring("model.layers.".length());
        int dot = rest.indexOf('.');
        String layer = rest.substring(0, dot);
        String tail = rest.substring(dot + 1);
        for (String[] pair : GGUF_LAYER_NAMES) {
            if (tail.startsWith(pair[0])) {
                return "blk." + layer + "." + pair[1] + tail.substring(pair[0].length());
            }
        }
        throw new IllegalArgumentException("no GGUF name for " + hfName);
    }

    private static final List<String[]> GGUF_LAYER_NAMES = new ArrayList<>(List.of(
            new String[] {"input_layernorm", "attn_norm"},
            new String[] {"self_attn.q_proj", "attn_q"},
            new String[] {"self_attn.k_proj", "attn_k"},
            new String[] {"self_attn.v_proj", "attn_v"},
            new String[] {"self_attn.o_proj", "attn_output"},
            new String[] {"post_attention_layernorm", "ffn_norm"},
            new String[] {"mlp.gate_proj", "ffn_gate"},
            new String[] {"mlp.up_proj", "ffn_up"},
            new String[] {"mlp.down_proj", "ffn_down"}));
}
