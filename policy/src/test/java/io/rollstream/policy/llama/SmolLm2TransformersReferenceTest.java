package io.rollstream.policy.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.rollstream.policy.tokenizer.BpeTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * SmolLM2-135M-Instruct's GGUF dequantised by this module against the same file dequantised by transformers
 * ({@code from_pretrained(gguf_file=...)}): the token ids and the 20 largest next-token logits of fixed prompts
 * agree within {@link #TOLERANCE}, so the gap to llama.cpp is llama.cpp's own rounding.
 */
class SmolLm2TransformersReferenceTest {

    /** Largest |Δ logit| allowed after 30 fp32 layers computed in a different operation order. */
    static final double TOLERANCE = 1e-4;

    @Test
    void shouldMatchTransformersOnTheDequantisedGguf() throws Exception {
        String env = System.getenv("ROLLSTREAM_SMOLLM2_GGUF");
        Assumptions.assumeTrue(env != null && Files.isRegularFile(Path.of(env)),
                "ROLLSTREAM_SMOLLM2_GGUF does not name the SmolLM2 GGUF file (.ci/run fetches it)");
        JsonArray cases = JsonParser.parseString(Files.readString(
                TransformersReferenceTest.fixture("smollm2-transformers.json"))).getAsJsonArray();
        LlamaCheckpoint checkpoint = LlamaCheckpoint.open(Path.of(env));
        double worst = 0;
        try (LlamaModel model = LlamaModel.load(checkpoint, Device.cpu());
                BpeTokenizer tokenizer = BpeTokenizer.fromJson(checkpoint.tokenizerJson())) {
            int vocab = model.config().vocabSize();
            for (JsonElement element : cases) {
                JsonObject c = element.getAsJsonObject();
                int[] ids = TransformersReferenceTest.ints(c.getAsJsonArray("ids"));
                assertArrayEquals(ids, tokenizer.encode(c.get("text").getAsString()));
                float[] logits = model.logits(ids);
                int last = (ids.length - 1) * vocab;
                int[] top = TransformersReferenceTest.ints(c.getAsJsonArray("top_ids"));
                JsonArray values = c.getAsJsonArray("top_logits");
                for (int k = 0; k < top.length; k++) {
                    worst = Math.max(worst, Math.abs(logits[last + top[k]] - values.get(k).getAsDouble()));
                }
            }
        }
        System.out.printf(Locale.ROOT, "SmolLM2 GGUF: max |delta logit| vs transformers = %.2e%n", worst);
        assertTrue(worst <= TOLERANCE, "max |delta logit| " + worst);
    }
}
