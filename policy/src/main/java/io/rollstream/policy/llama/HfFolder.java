package io.rollstream.policy.llama;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.rollstream.policy.chat.ChatTemplate;
import io.rollstream.policy.checkpoint.CheckpointException;
import io.rollstream.policy.checkpoint.ShardedSafetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A Hugging Face checkpoint folder as {@code save_pretrained} writes it: config.json, model.safetensors (or
 * shards with model.safetensors.index.json), tokenizer.json, tokenizer_config.json, and the chat template
 * either in tokenizer_config.json or in chat_template.jinja. Stop tokens come from generation_config.json
 * when present, else config.json, plus {@code <|im_end|>} under a ChatML template.
 */
final class HfFolder {

    static final String CONFIG = "config.json";
    static final String TOKENIZER = "tokenizer.json";
    static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    static final String TEMPLATE_FILE = "chat_template.jinja";
    static final String GENERATION_CONFIG = "generation_config.json";

    private HfFolder() {}

    static LlamaCheckpoint open(Path folder) throws CheckpointException {
        Path configFile = folder.resolve(CONFIG);
        JsonObject config = json(configFile);
        LlamaConfig llama = ConfigReader.fromHuggingFace(configFile, config);
        Path tokenizerFile = folder.resolve(TOKENIZER);
        String tokenizerJson = text(tokenizerFile);
        JsonObject tokenizer = parse(tokenizerFile, tokenizerJson);
        Path tokenizerConfigFile = folder.resolve(TOKENIZER_CONFIG);
        JsonObject tokenizerConfig = json(tokenizerConfigFile);
        ChatTemplate template;
        if (tokenizerConfig.has("chat_template") && tokenizerConfig.get("chat_template").isJsonPrimitive()) {
            template = ChatTemplate.fromJinja(tokenizerConfigFile, "chat_template",
                    tokenizerConfig.get("chat_template").getAsString());
        } else {
            Path jinja = folder.resolve(TEMPLATE_FILE);
            if (!Files.exists(jinja)) {
                throw new CheckpointException(tokenizerConfigFile, "chat_template",
                        "missing, and the folder has no " + TEMPLATE_FILE);
            }
            template = ChatTemplate.fromJinja(jinja, null, text(jinja));
        }
        ShardedSafetensors tensors = ShardedSafetensors.open(folder);
        Set<Integer> stops = new LinkedHashSet<>();
        Path generationFile = folder.resolve(GENERATION_CONFIG);
        JsonObject generation = Files.exists(generationFile) ? json(generationFile) : new JsonObject();
        addIds(stops, generation.has("eos_token_id") ? generation.get("eos_token_id") : config.get("eos_token_id"));
        int imEnd = addedTokenId(tokenizer, ChatTemplate.IM_END);
        if (imEnd >= 0) {
            stops.add(imEnd);
        }
        int bos = config.has("bos_token_id") && config.get("bos_token_id").isJsonPrimitive()
                ? config.get("bos_token_id").getAsInt() : -1;
        boolean addBos = tokenizerConfig.has("add_bos_token") && tokenizerConfig.get("add_bos_token").isJsonPrimitive()
                && tokenizerConfig.get("add_bos_token").getAsBoolean() && bos >= 0;
        return new LlamaCheckpoint(folder, llama, tensors, tokenizerJson, template, stops, bos, addBos);
    }

    private static void addIds(Set<Integer> ids, JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return;
        }
        if (value.isJsonArray()) {
            value.getAsJsonArray().forEach(v -> ids.add(v.getAsInt()));
        } else {
            ids.add(value.getAsInt());
        }
    }

    private static int addedTokenId(JsonObject tokenizer, String content) {
        JsonArray added = tokenizer.getAsJsonArray("added_tokens");
        if (added != null) {
            for (JsonElement token : added) {
                JsonObject o = token.getAsJsonObject();
                if (content.equals(o.get("content").getAsString())) {
                    return o.get("id").getAsInt();
                }
            }
        }
        return -1;
    }

    private static String text(Path file) throws CheckpointException {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(file, null, "missing from the checkpoint folder");
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CheckpointException(file, null, "cannot read: " + e.getMessage(), e);
        }
    }

    private static JsonObject json(Path file) throws CheckpointException {
        return parse(file, text(file));
    }

    private static JsonObject parse(Path file, String text) throws CheckpointException {
        try {
            return JsonParser.parseString(text).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new CheckpointException(file, null, "not a JSON object: " + e.getMessage(), e);
        }
    }
}
