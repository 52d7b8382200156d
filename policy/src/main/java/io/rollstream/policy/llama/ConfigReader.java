package io.rollstream.policy.llama;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.rollstream.policy.checkpoint.CheckpointException;
import io.rollstream.policy.checkpoint.GgufFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link LlamaConfig} from a checkpoint's own metadata, a Hugging Face config.json or a GGUF header,
 * refusing (with the file and the key) any architecture or option this module does not implement: another
 * model type, rope scaling, partial rotary dimensions, attention or MLP biases on Llama, sliding windows.
 */
final class ConfigReader {

    private static final List<String> FAMILIES = Arrays.stream(ModelFamily.values()).map(ModelFamily::modelType).toList();

    private ConfigReader() {}

    static LlamaConfig fromGguf(GgufFile gguf) throws CheckpointException {
        Map<String, Object> meta = gguf.metadata();
        Path file = gguf.file();
        String arch = string(file, meta, "general.architecture");
        ModelFamily family = ModelFamily.byModelType(arch);
        if (family == null) {
            throw new CheckpointException(file, "general.architecture",
                    "unsupported architecture '" + arch + "'; supported: " + FAMILIES);
        }
        String scalingKey = arch + ".rope.scaling.type";
        if (meta.containsKey(scalingKey) && !"none".equals(meta.get(scalingKey))) {
            throw new CheckpointException(file, scalingKey, "rope scaling '" + meta.get(scalingKey)
                    + "' is not implemented; only unscaled rotary embeddings are");
        }
        int hidden = integer(file, meta, arch + ".embedding_length");
        int heads = integer(file, meta, arch + ".attention.head_count");
        int kvHeads = meta.containsKey(arch + ".attention.head_count_kv")
                ? integer(file, meta, arch + ".attention.head_count_kv") : heads;
        int headDim = meta.containsKey(arch + ".attention.key_length")
                ? integer(file, meta, arch + ".attention.key_length") : hidden / heads;
        String ropeDimKey = arch + ".rope.dimension_count";
        if (meta.containsKey(ropeDimKey) && integer(file, meta, ropeDimKey) != headDim) {
            throw new CheckpointException(file, ropeDimKey, "partial rotary embeddings ("
                    + meta.get(ropeDimKey) + " of " + headDim + " dimensions) are not implemented");
        }
        int vocab = meta.containsKey(arch + ".vocab_size")
                ? integer(file, meta, arch + ".vocab_size")
                : list(file, meta, "tokenizer.ggml.tokens").size();
        double theta = meta.containsKey(arch + ".rope.freq_base")
                ? number(file, meta, arch + ".rope.freq_base") : 10000.0;
        try {
            return new LlamaConfig(family, vocab, hidden,
                    integer(file, meta, arch + ".block_count"), heads, kvHeads, headDim,
                    integer(file, meta, arch + ".feed_forward_length"), theta,
                    number(file, meta, arch + ".attention.layer_norm_rms_epsilon"),
                    integer(file, meta, arch + ".context_length"),
                    !gguf.names().contains("output.weight"));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, arch, "inconsistent model metadata: " + e.getMessage(), e);
        }
    }

    static LlamaConfig fromHuggingFace(Path file, JsonObject json) throws CheckpointException {
        String type = string(file, json, "model_type");
        ModelFamily family = ModelFamily.byModelType(type);
        if (family == null) {
            throw new CheckpointException(file, "model_type",
                    "unsupported architecture '" + type + "'; supported: " + FAMILIES);
        }
        String act = json.has("hidden_act") ? json.get("hidden_act").getAsString() : "silu";
        if (!act.equals("silu")) {
            throw new CheckpointException(file, "hidden_act", "activation '" + act + "' is not implemented; only silu");
        }
        refuseTrue(file, json, "attention_bias", family == ModelFamily.LLAMA);
        refuseTrue(file, json, "mlp_bias", true);
        refuseTrue(file, json, "use_sliding_window", true);
        for (String key : List.of("rope_scaling", "rope_parameters")) {
            if (json.has(key) && json.get(key).isJsonObject()) {
                JsonObject rope = json.getAsJsonObject(key);
                String ropeType = rope.has("rope_type") ? rope.get("rope_type").getAsString()
                        : rope.has("type") ? rope.get("type").getAsString() : "default";
                if (!ropeType.equals("default")) {
                    throw new CheckpointException(file, key, "rope scaling type '" + ropeType
                            + "' is not implemented; only unscaled rotary embeddings are");
                }
            }
        }
        double theta = json.has("rope_theta") ? json.get("rope_theta").getAsDouble()
                : json.has("rope_parameters") && json.getAsJsonObject("rope_parameters").has("rope_theta")
                        ? json.getAsJsonObject("rope_parameters").get("rope_theta").getAsDouble()
                        : 10000.0;
        int hidden = integer(file, json, "hidden_size");
        int heads = integer(file, json, "num_attention_heads");
        int kvHeads = json.has("num_key_value_heads") && !json.get("num_key_value_heads").isJsonNull()
                ? integer(file, json, "num_key_value_heads") : heads;
        int headDim = json.has("head_dim") && !json.get("head_dim").isJsonNull()
                ? integer(file, json, "head_dim") : hidden / heads;
        boolean tied = json.has("tie_word_embeddings") ? json.get("tie_word_embeddings").getAsBoolean()
                : false;
        try {
            return new LlamaConfig(family, integer(file, json, "vocab_size"), hidden,
                    integer(file, json, "num_hidden_layers"), heads, kvHeads, headDim,
                    integer(file, json, "intermediate_size"), theta,
                    json.has("rms_norm_eps") ? json.get("rms_norm_eps").getAsDouble() : 1e-6,
                    integer(file, json, "max_position_embeddings"), tied);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file, null, "inconsistent model config: " + e.getMessage(), e);
        }
    }

    private static void refuseTrue(Path file, JsonObject json, String key, boolean refuse) throws CheckpointException {
        if (refuse && json.has(key) && json.get(key).isJsonPrimitive() && json.get(key).getAsBoolean()) {
            throw new CheckpointException(file, key, "is true, which is not implemented for this architecture");
        }
    }

    private static int integer(Path file, JsonObject json, String key) throws CheckpointException {
        JsonElement value = json.get(key);
        if (value == null || value.isJsonNull()) {
            throw new CheckpointException(file, key, "missing");
        }
        try {
            return value.getAsInt();
        } catch (RuntimeException e) {
            throw new CheckpointException(file, key, "not an integer: " + value, e);
        }
    }

    private static String string(Path file, JsonObject json, String key) throws CheckpointException {
        JsonElement value = json.get(key);
        if (value == null || !value.isJsonPrimitive()) {
            throw new CheckpointException(file, key, "missing");
        }
        return value.getAsString();
    }

    private static String string(Path file, Map<String, Object> meta, String key) throws CheckpointException {
        if (!(meta.get(key) instanceof String s)) {
            throw new CheckpointException(file, key, "missing or not a string");
        }
        return s;
    }

    private static int integer(Path file, Map<String, Object> meta, String key) throws CheckpointException {
        if (!(meta.get(key) instanceof Long l) || l <= 0 || l > Integer.MAX_VALUE) {
            throw new CheckpointException(file, key, "missing or not a positive integer: " + meta.get(key));
        }
        return (int) (long) l;
    }

    private static double number(Path file, Map<String, Object> meta, String key) throws CheckpointException {
        if (!(meta.get(key) instanceof Number n)) {
            throw new CheckpointException(file, key, "missing or not a number");
        }
        return n.doubleValue();
    }

    static List<?> list(Path file, Map<String, Object> meta, String key) throws CheckpointException {
        if (!(meta.get(key) instanceof List<?> l)) {
            throw new CheckpointException(file, key, "missing or not an array");
        }
        return l;
    }
}
