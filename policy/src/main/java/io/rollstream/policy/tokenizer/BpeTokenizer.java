package io.rollstream.policy.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A checkpoint's own tokenizer, given as a Hugging Face {@code tokenizer.json} and run by DJL's binding of the
 * tokenizers library (its native code ships inside the jar). Text is encoded without any automatic special
 * tokens: the chat template writes every marker itself, so what is encoded is exactly what was rendered.
 */
public final class BpeTokenizer implements AutoCloseable {

    private static final Map<String, String> OPTIONS = Map.of(
            "addSpecialTokens", "false",
            "truncation", "false",
            "padding", "false",
            "modelMaxLength", String.valueOf(Integer.MAX_VALUE));

    private final HuggingFaceTokenizer tokenizer;
    private final String json;

    private BpeTokenizer(HuggingFaceTokenizer tokenizer, String json) {
        this.tokenizer = tokenizer;
        this.json = json;
    }

    /** Builds a tokenizer from the text of a {@code tokenizer.json}. */
    public static BpeTokenizer fromJson(String tokenizerJson) throws IOException {
        byte[] bytes = tokenizerJson.getBytes(StandardCharsets.UTF_8);
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bytes), OPTIONS);
        return new BpeTokenizer(tokenizer, tokenizerJson);
    }

    /** Token ids of {@code text}; special-token strings in it (e.g. {@code <|im_start|>}) become their ids. */
    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /** The text of {@code ids}, special tokens included. */
    public String decode(int[] ids) {
        long[] wide = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            wide[i] = ids[i];
        }
        return tokenizer.decode(wide, false);
    }

    /** The {@code tokenizer.json} this was built from (written beside saved weights). */
    public String json() {
        return json;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
