package io.rollstream.policy.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.rollstream.policy.model.TokenBatch;
import io.rollstream.policy.sampling.SamplingParams;
import io.rollstream.policy.tokenizer.BpeTokenizer;
import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.policy.tokenizer.ChatRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tiny random Llama (untied output, four shards) and Qwen2 (tied output, q/k/v biases) checkpoints saved by
 * transformers, with the reference vectors transformers computed on them
 * ({@code src/test/python/make_reference_fixtures.py}): fp32 logits within 1e-4, identical greedy tokens,
 * continuation log-probs within 1e-4, identical chat rendering and token ids.
 */
class TransformersReferenceTest {

    static final double TOLERANCE = 1e-4;

    static Path fixture(String name) {
        return Path.of("src/test/resources/reference", name);
    }

    private static JsonObject reference(String name) throws Exception {
        return JsonParser.parseString(Files.readString(fixture(name).resolve("reference.json"))).getAsJsonObject();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-llama", "tiny-qwen2"})
    void shouldReproduceTransformersLogitsInFp32(String name) throws Exception {
        JsonObject ref = reference(name);
        LlamaCheckpoint checkpoint = LlamaCheckpoint.open(fixture(name));
        try (LlamaModel model = LlamaModel.load(checkpoint, Device.cpu())) {
            int[] ids = ints(ref.getAsJsonArray("logits_ids"));
            float[] ours = model.logits(ids);
            JsonArray rows = ref.getAsJsonArray("logits");
            int vocab = model.config().vocabSize();
            double worst = 0;
            for (int t = 0; t < ids.length; t++) {
                JsonArray row = rows.get(t).getAsJsonArray();
                for (int v = 0; v < vocab; v++) {
                    worst = Math.max(worst, Math.abs(ours[t * vocab + v] - row.get(v).getAsDouble()));
                }
            }
            System.out.printf(Locale.ROOT, "%s: max |delta logit| vs transformers = %.2e%n", name, worst);
            assertTrue(worst <= TOLERANCE, name + ": max |delta logit| " + worst);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-llama", "tiny-qwen2"})
    void shouldContinueGreedilyExactlyAsTransformers(String name) throws Exception {
        JsonObject ref = reference(name);
        try (LlamaModel model = LlamaModel.load(LlamaCheckpoint.open(fixture(name)), Device.cpu())) {
            int[] prompt = ints(ref.getAsJsonArray("greedy_prompt"));
            int[] expected = ints(ref.getAsJsonArray("greedy"));
            int[] ours = new LlamaGenerator(model, Set.of())
                    .generate(List.of(prompt), SamplingParams.greedy(expected.length)).get(0).tokenIds();
            assertArrayEquals(expected, ours);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-llama", "tiny-qwen2"})
    void shouldScoreAContinuationAsTransformersAtEachTemperature(String name) throws Exception {
        JsonObject ref = reference(name);
        try (LlamaModel model = LlamaModel.load(LlamaCheckpoint.open(fixture(name)), Device.cpu())) {
            int[] prompt = ints(ref.getAsJsonArray("continuation_prompt"));
            int[] continuation = ints(ref.getAsJsonArray("continuation"));
            for (String temperature : List.of("1.0", "0.7")) {
                JsonArray expected = ref.getAsJsonObject("continuation_log_probs").getAsJsonArray(temperature);
                try (NDManager manager = model.newManager()) {
                    float[] ours = model.forward(manager, TokenBatch.of(List.of(prompt), List.of(continuation)),
                            Float.parseFloat(temperature), false).logProbs().toFloatArray();
                    for (int j = 0; j < continuation.length; j++) {
                        assertEquals(expected.get(j).getAsDouble(), ours[j], TOLERANCE, name + " T=" + temperature);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-llama", "tiny-qwen2"})
    void shouldRenderAndTokenizeThePapersTurnsAsTransformers(String name) throws Exception {
        JsonObject ref = reference(name);
        LlamaCheckpoint checkpoint = LlamaCheckpoint.open(fixture(name));
        try (BpeTokenizer tokenizer = BpeTokenizer.fromJson(checkpoint.tokenizerJson())) {
            for (var entry : ref.getAsJsonObject("texts").entrySet()) {
                JsonObject text = entry.getValue().getAsJsonObject();
                List<ChatMessage> messages = new ArrayList<>();
                for (JsonElement m : text.getAsJsonArray("messages")) {
                    JsonObject o = m.getAsJsonObject();
                    messages.add(new ChatMessage(ChatRole.valueOf(o.get("role").getAsString().toUpperCase(Locale.ROOT)),
                            o.get("content").getAsString()));
                }
                String rendered = checkpoint.chatTemplate().renderPrompt(messages, null);
                assertEquals(text.get("rendered").getAsString(), rendered, entry.getKey());
                assertArrayEquals(ints(text.getAsJsonArray("ids")), tokenizer.encode(rendered), entry.getKey());
            }
            assertArrayEquals(ints(ref.getAsJsonArray("feedback_ids")),
                    tokenizer.encode(ref.get("feedback_text").getAsString()));
        }
        assertTrue(checkpoint.stopTokenIds().contains(2), "<|im_end|> ends a turn");
    }

    static int[] ints(JsonArray array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsInt();
        }
        return out;
    }
}
