package io.rollstream.policy.llama;

import io.rollstream.policy.checkpoint.GgufWriter;
import java.util.List;
import java.util.Random;

/** A tiny random Llama in GGUF form, with a byte-level BPE vocabulary of eight tokens and a ChatML template. */
final class TinyGguf {

    static final List<String> TOKENS = List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>", "a", "b", "c", "Ġ", "ab");
    static final int HIDDEN = 8;
    static final int FF = 16;
    static final int LAYERS = 2;

    private TinyGguf() {}

    /** The writer with every tensor and key; tests change or drop entries to make bad files. */
    static GgufWriter writer(String arch, long seed) {
        Random random = new Random(seed);
        GgufWriter w = new GgufWriter()
                .put("general.architecture", arch)
                .put(arch + ".block_count", LAYERS)
                .put(arch + ".context_length", 64)
                .put(arch + ".embedding_length", HIDDEN)
                .put(arch + ".feed_forward_length", FF)
                .put(arch + ".attention.head_count", 2)
                .put(arch + ".attention.head_count_kv", 1)
                .put(arch + ".rope.freq_base", 10000f)
                .put(arch + ".attention.layer_norm_rms_epsilon", 1e-5f)
                .put("tokenizer.ggml.model", "gpt2")
                .put("tokenizer.ggml.pre", "smollm")
                .put("tokenizer.ggml.tokens", TOKENS)
                .put("tokenizer.ggml.token_type", List.of(3, 3, 3, 1, 1, 1, 1, 1))
                .put("tokenizer.ggml.merges", List.of("a b"))
                .put("tokenizer.ggml.eos_token_id", 2)
                .put("tokenizer.chat_template", "{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>'}}");
        w.f32("token_embd.weight", new long[] {TOKENS.size(), HIDDEN}, normal(random, TOKENS.size() * HIDDEN));
        for (int i = 0; i < LAYERS; i++) {
            String p = "blk." + i + ".";
            w.f32(p + "attn_norm.weight", new long[] {HIDDEN}, ones(HIDDEN, random));
            w.f32(p + "attn_q.weight", new long[] {HIDDEN, HIDDEN}, normal(random, HIDDEN * HIDDEN));
            w.f32(p + "attn_k.weight", new long[] {4, HIDDEN}, normal(random, 4 * HIDDEN));
            w.f32(p + "attn_v.weight", new long[] {4, HIDDEN}, normal(random, 4 * HIDDEN));
            if (arch.equals("qwen2")) {
                w.f32(p + "attn_q.bias", new long[] {HIDDEN}, normal(random, HIDDEN));
                w.f32(p + "attn_k.bias", new long[] {4}, normal(random, 4));
                w.f32(p + "attn_v.bias", new long[] {4}, normal(random, 4));
            }
            w.f32(p + "attn_output.weight", new long[] {HIDDEN, HIDDEN}, normal(random, HIDDEN * HIDDEN));
            w.f32(p + "ffn_norm.weight", new long[] {HIDDEN}, ones(HIDDEN, random));
            w.f32(p + "ffn_gate.weight", new long[] {FF, HIDDEN}, normal(random, FF * HIDDEN));
            w.f32(p + "ffn_up.weight", new long[] {FF, HIDDEN}, normal(random, FF * HIDDEN));
            w.f32(p + "ffn_down.weight", new long[] {HIDDEN, FF}, normal(random, FF * HIDDEN));
        }
        w.f32("output_norm.weight", new long[] {HIDDEN}, ones(HIDDEN, random));
        return w;
    }

    private static float[] normal(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * 0.5);
        }
        return v;
    }

    private static float[] ones(int n, Random random) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 1f + (float) (random.nextGaussian() * 0.1);
        }
        return v;
    }
}
