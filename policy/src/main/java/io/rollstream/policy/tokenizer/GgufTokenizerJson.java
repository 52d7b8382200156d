package io.rollstream.policy.tokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.rollstream.policy.checkpoint.CheckpointException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Turns the byte-level BPE tokenizer stored in a GGUF header ({@code tokenizer.ggml.*}: vocabulary, merges,
 * token types and the pre-tokenizer name) into the {@code tokenizer.json} that Hugging Face would ship with the
 * same model. Control and user-defined tokens become added tokens, matched whole before BPE as llama.cpp does.
 */
public final class GgufTokenizerJson {

    private static final int TOKEN_TYPE_CONTROL = 3;
    private static final int TOKEN_TYPE_USER_DEFINED = 4;

    /** GPT-2's word split, with llama.cpp's variants for Llama 3 and Qwen2 below. */
    private static final String LLAMA3_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
            + "|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final String QWEN2_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
            + "|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    /** Pre-tokenizer names ({@code tokenizer.ggml.pre}) this converter reproduces. */
    public static final List<String> SUPPORTED_PRE = List.of("default", "gpt2", "smollm", "llama-bpe", "qwen2");

    private GgufTokenizerJson() {}

    /** The tokenizer.json text for the tokenizer in {@code metadata} of GGUF {@code file}. */
    public static String convert(Path file, Map<String, Object> metadata) throws CheckpointException {
        Object model = metadata.get("tokenizer.ggml.model");
        if (!"gpt2".equals(model)) {
            throw new CheckpointException(file, "tokenizer.ggml.model", "tokenizer model '" + model
                    + "' is not supported; only byte-level BPE ('gpt2')");
        }
        Object preValue = metadata.getOrDefault("tokenizer.ggml.pre", "default");
        String pre = String.valueOf(preValue);
        if (!SUPPORTED_PRE.contains(pre)) {
            throw new CheckpointException(file, "tokenizer.ggml.pre", "pre-tokenizer '" + pre
                    + "' is not supported; supported: " + SUPPORTED_PRE);
        }
        List<?> tokens = list(file, metadata, "tokenizer.ggml.tokens");
        List<?> merges = list(file, metadata, "tokenizer.ggml.merges");
        List<?> types = metadata.containsKey("tokenizer.ggml.token_type")
                ? list(file, metadata, "tokenizer.ggml.token_type") : List.of();
        JsonObject vocab = new JsonObject();
        JsonArray added = new JsonArray();
        for (int id = 0; id < tokens.size(); id++) {
            String token = (String) tokens.get(id);
            vocab.addProperty(token, id);
            long type = id < types.size() ? ((Number) types.get(id)).longValue() : 1;
            if (type == TOKEN_TYPE_CONTROL || type == TOKEN_TYPE_USER_DEFINED) {
                JsonObject entry = new JsonObject();
                entry.addProperty("id", id);
                entry.addProperty("content", token);
                entry.addProperty("single_word", false);
                entry.addProperty("lstrip", false);
                entry.addProperty("rstrip", false);
                entry.addProperty("normalized", false);
                entry.addProperty("special", type == TOKEN_TYPE_CONTROL);
                added.add(entry);
            }
        }
        JsonArray mergeList = new JsonArray();
        merges.forEach(m -> mergeList.add((String) m));
        JsonObject bpe = new JsonObject();
        bpe.addProperty("type", "BPE");
        bpe.add("dropout", JsonNull.INSTANCE);
        bpe.add("unk_token", JsonNull.INSTANCE);
        bpe.add("continuing_subword_prefix", JsonNull.INSTANCE);
        bpe.add("end_of_word_suffix", JsonNull.INSTANCE);
        bpe.addProperty("fuse_unk", false);
        bpe.addProperty("byte_fallback", false);
        bpe.addProperty("ignore_merges", pre.equals("llama-bpe"));
        bpe.add("vocab", vocab);
        bpe.add("merges", mergeList);
        JsonObject json = new JsonObject();
        json.addProperty("version", "1.0");
        json.add("truncation", JsonNull.INSTANCE);
        json.add("padding", JsonNull.INSTANCE);
        json.add("added_tokens", added);
        json.add("normalizer", pre.equals("qwen2") ? JsonParser.parseString("{\"type\":\"NFC\"}") : JsonNull.INSTANCE);
        json.add("pre_tokenizer", JsonParser.parseString(preTokenizer(pre)));
        json.add("post_processor", JsonNull.INSTANCE);
        json.add("decoder", JsonParser.parseString(
                "{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":true}"));
        json.add("model", bpe);
        return json.toString();
    }

    private static String preTokenizer(String pre) {
        String byteLevel = "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":%s}";
        return switch (pre) {
            case "smollm" -> "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Digits\",\"individual_digits\":true},"
                    + String.format(byteLevel, "true") + "]}";
            case "llama-bpe", "qwen2" -> {
                JsonObject split = new JsonObject();
                split.addProperty("type", "Split");
                JsonObject pattern = new JsonObject();
                pattern.addProperty("Regex", pre.equals("qwen2") ? QWEN2_SPLIT : LLAMA3_SPLIT);
                split.add("pattern", pattern);
                split.addProperty("behavior", "Isolated");
                split.addProperty("invert", false);
                yield "{\"type\":\"Sequence\",\"pretokenizers\":[" + split + ","
                        + String.format(byteLevel, "false") + "]}";
            }
            default -> String.format(byteLevel, "true");
        };
    }

    private static List<?> list(Path file, Map<String, Object> metadata, String key) throws CheckpointException {
        if (!(metadata.get(key) instanceof List<?> l)) {
            throw new CheckpointException(file, key, "missing or not an array");
        }
        return l;
    }
}
