package io.rollstream.policy.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Objects;

/**
 * Shape of a decoder-only transformer: vocabulary, width, depth, heads, MLP width, context length and the
 * kind of value head. Positions are learned absolute embeddings of {@code maxContext} rows.
 */
public record ModelConfig(
        int vocabSize, int dModel, int layers, int heads, int dFF, int maxContext, ValueHeadKind valueHead) {

    public ModelConfig {
        requirePositive("vocabSize", vocabSize);
        requirePositive("dModel", dModel);
        requirePositive("layers", layers);
        requirePositive("heads", heads);
        requirePositive("dFF", dFF);
        requirePositive("maxContext", maxContext);
        Objects.requireNonNull(valueHead, "valueHead");
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("dModel " + dModel + " is not divisible by heads " + heads);
        }
    }

    /** The model of the preset {@code name} ({@link ModelPreset}); unknown names fail listing the presets. */
    public static ModelConfig preset(String name) {
        return ModelPreset.parse(name).config();
    }

    /** Width of one attention head. */
    public int headDim() {
        return dModel / heads;
    }

    /** Weights multiplied per token in one decoder layer: fused QKV, attention output and the two MLP matrices. */
    public long layerMatmulWeights() {
        return 4L * dModel * dModel + 2L * dModel * dFF;
    }

    /** Same config with another value head kind. */
    public ModelConfig withValueHead(ValueHeadKind kind) {
        return new ModelConfig(vocabSize, dModel, layers, heads, dFF, maxContext, kind);
    }

    /** A flat JSON object with one key per component. */
    public String toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("vocabSize", vocabSize);
        json.addProperty("dModel", dModel);
        json.addProperty("layers", layers);
        json.addProperty("heads", heads);
        json.addProperty("dFF", dFF);
        json.addProperty("maxContext", maxContext);
        json.addProperty("valueHead", valueHead.name());
        return json.toString();
    }

    /** Inverse of {@link #toJson()}; a missing key fails naming it. */
    public static ModelConfig fromJson(String text) {
        JsonObject json = JsonParser.parseString(text).getAsJsonObject();
        return new ModelConfig(
                intKey(json, "vocabSize"),
                intKey(json, "dModel"),
                intKey(json, "layers"),
                intKey(json, "heads"),
                intKey(json, "dFF"),
                intKey(json, "maxContext"),
                ValueHeadKind.parse(stringKey(json, "valueHead")));
    }

    private static int intKey(JsonObject json, String key) {
        return element(json, key).getAsInt();
    }

    private static String stringKey(JsonObject json, String key) {
        return element(json, key).getAsString();
    }

    private static JsonElement element(JsonObject json, String key) {
        if (!json.has(key)) {
            throw new IllegalArgumentException("model config JSON lacks key '" + key + "'");
        }
        return json.get(key);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
