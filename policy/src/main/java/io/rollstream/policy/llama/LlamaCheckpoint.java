package io.rollstream.policy.llama;

import io.rollstream.policy.chat.ChatTemplate;
import io.rollstream.policy.checkpoint.CheckpointException;
import io.rollstream.policy.checkpoint.GgufFile;
import io.rollstream.policy.checkpoint.TensorSource;
import io.rollstream.policy.tokenizer.BpeTokenizer;
import io.rollstream.policy.tokenizer.GgufTokenizerJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a checkpoint says about itself before its weights are loaded: the architecture, where its tensors
 * are, its tokenizer (as tokenizer.json text), its chat template and the token ids that end a turn. Opened from a
 * GGUF file or a Hugging Face folder ({@link HfFolder}).
 *
 * @param addBosToken whether the tokenizer prefixes every sequence with {@code bosTokenId}
 */
public record LlamaCheckpoint(
        Path source,
        LlamaConfig config,
        TensorSource tensors,
        String tokenizerJson,
        ChatTemplate chatTemplate,
        Set<Integer> stopTokenIds,
        int bosTokenId,
        boolean addBosToken) {

    public LlamaCheckpoint {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(tokenizerJson, "tokenizerJson");
        Objects.requireNonNull(chatTemplate, "chatTemplate");
        stopTokenIds = Set.copyOf(stopTokenIds);
    }

    /**
     * Token ids of rendered text with this checkpoint's tokenizer, prefixed with the BOS token when the
     * checkpoint asks for one (the tokenizer itself never adds special tokens).
     */
    public int[] encode(BpeTokenizer tokenizer, String rendered) {
        int[] ids = tokenizer.encode(rendered);
        if (!addBosToken || (ids.length > 0 && ids[0] == bosTokenId)) {
            return ids;
        }
        int[] out = new int[ids.length + 1];
        out[0] = bosTokenId;
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    /** Opens a {@code .gguf} file or a Hugging Face folder. */
    public static LlamaCheckpoint open(Path path) throws CheckpointException {
        if (Files.isDirectory(path)) {
            return HfFolder.open(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new CheckpointException(path, null, "no such checkpoint file or folder");
        }
        return fromGguf(GgufFile.open(path));
    }

    /** The checkpoint held by an opened GGUF file or a Hugging Face folder ({@link HfFolder}). */
    public static LlamaCheckpoint fromGguf(GgufFile gguf) throws CheckpointException {
        Path file = gguf.file();
        Map<String, Object> meta = gguf.metadata();
        LlamaConfig config = ConfigReader.fromGguf(gguf);
        String tokenizerJson = GgufTokenizerJson.convert(file, meta);
        String templateKey = "tokenizer.chat_template";
        ChatTemplate template = ChatTemplate.fromJinja(file, templateKey, (String) meta.get(templateKey));
        Set<Integer> stops = new LinkedHashSet<>();
        for (String key : new String[] {"tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id"}) {
            if (meta.get(key) instanceof Long id) {
                stops.add((int) (long) id);
            }
        }
        int imEnd = ConfigReader.list(file, meta, "tokenizer.ggml.tokens").indexOf(ChatTemplate.IM_END);
        if (imEnd >= 0) {
            stops.add(imEnd);
        }
        int bos = meta.get("tokenizer.ggml.bos_token_id") instanceof Long id ? (int) (long) id : -1;
        boolean addBos = Boolean.TRUE.equals(meta.get("tokenizer.ggml.add_bos_token")) && bos >= 0;
        return new LlamaCheckpoint(file, config, new GgufTensors(gguf, config), tokenizerJson, template, stops,
                bos, addBos);
    }
}
