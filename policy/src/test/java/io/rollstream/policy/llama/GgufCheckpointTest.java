package io.rollstream.policy.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.rollstream.policy.checkpoint.CheckpointException;
import io.rollstream.policy.model.TokenBatch;
import io.rollstream.policy.model.TrainForward;
import io.rollstream.policy.sampling.FinishReason;
import io.rollstream.policy.sampling.Generation;
import io.rollstream.policy.sampling.SamplingParams;
import io.rollstream.policy.tokenizer.BpeTokenizer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufCheckpointTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadTheArchitectureFromTheFilesOwnMetadata() throws Exception {
        LlamaCheckpoint llama = LlamaCheckpoint.open(TinyGguf.writer("llama", 1).write(dir.resolve("l.gguf")));
        assertEquals(new LlamaConfig(ModelFamily.LLAMA, 8, 8, 2, 2, 1, 4, 16, 10000, 1e-5f, 64, true), llama.config());
        LlamaCheckpoint qwen = LlamaCheckpoint.open(TinyGguf.writer("qwen2", 1).write(dir.resolve("q.gguf")));
        assertEquals(ModelFamily.QWEN2, qwen.config().family());
        assertTrue(qwen.tensors().names().contains("model.layers.1.self_attn.k_proj.bias"));
        assertTrue(llama.stopTokenIds().contains(2));
    }

    @Test
    void shouldRefuseAnotherArchitectureNamingTheKey() throws Exception {
        Path file = TinyGguf.writer("gemma", 1).write(dir.resolve("g.gguf"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> LlamaCheckpoint.open(file));
        assertEquals("general.architecture", e.key());
        assertTrue(e.getMessage().contains("gemma") && e.getMessage().contains("g.gguf"), e.getMessage());
    }

    @Test
    void shouldRefuseARopeScalingItDoesNotImplementNamingTheKey() throws Exception {
        Path file = TinyGguf.writer("llama", 1).put("llama.rope.scaling.type", "yarn").write(dir.resolve("y.gguf"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> LlamaCheckpoint.open(file));
        assertEquals("llama.rope.scaling.type", e.key());
    }

    @Test
    void shouldRefuseATensorWhoseShapeDisagreesWithTheConfig() throws Exception {
        Path file = TinyGguf.writer("llama", 1).put("llama.feed_forward_length", 32).write(dir.resolve("s.gguf"));
        LlamaCheckpoint checkpoint = LlamaCheckpoint.open(file);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> LlamaModel.load(checkpoint, Device.cpu()));
        assertEquals("model.layers.0.mlp.gate_proj.weight", e.key());
        assertTrue(e.getMessage().contains("s.gguf"), e.getMessage());
    }

    @Test
    void shouldTurnTheGgufVocabularyIntoATokenizerWithItsSpecialTokens() throws Exception {
        LlamaCheckpoint checkpoint = LlamaCheckpoint.open(TinyGguf.writer("llama", 1).write(dir.resolve("t.gguf")));
        try (BpeTokenizer tokenizer = BpeTokenizer.fromJson(checkpoint.tokenizerJson())) {
            assertArrayEquals(new int[] {1, 7, 6, 5, 2}, tokenizer.encode("<|im_start|>ab c<|im_end|>"));
            assertEquals("<|im_start|>ab c", tokenizer.decode(new int[] {1, 7, 6, 5}));
            assertArrayEquals(new int[] {7}, checkpoint.encode(tokenizer, "ab"), "no BOS unless asked for");
        }
        LlamaCheckpoint withBos = LlamaCheckpoint.open(TinyGguf.writer("llama", 1)
                .put("tokenizer.ggml.bos_token_id", 0).put("tokenizer.ggml.add_bos_token", true)
                .write(dir.resolve("bos.gguf")));
        try (BpeTokenizer tokenizer = BpeTokenizer.fromJson(withBos.tokenizerJson())) {
            assertArrayEquals(new int[] {0, 7}, withBos.encode(tokenizer, "ab"));
        }
    }

    @Test
    void shouldScoreSampledTokensWithTheLogProbsTheSamplerRecorded() throws Exception {
        LlamaCheckpoint checkpoint = LlamaCheckpoint.open(TinyGguf.writer("qwen2", 3).write(dir.resolve("m.gguf")));
        try (LlamaModel model = LlamaModel.load(checkpoint, Device.cpu())) {
            List<int[]> prompts = List.of(new int[] {1, 3, 4}, new int[] {5});
            SamplingParams params = new SamplingParams(0.8f, 0.9f, 6, 7L);
            List<Generation> generations = new LlamaGenerator(model, checkpoint.stopTokenIds()).generate(prompts, params);
            assertTrue(generations.get(0).finishReason() == FinishReason.MAX_TOKENS
                    || generations.get(0).finishReason() == FinishReason.END_OF_TURN);
            List<int[]> responses = generations.stream().map(Generation::tokenIds).toList();
            try (NDManager manager = model.newManager()) {
                TrainForward forward = model.forward(manager, TokenBatch.of(prompts, responses), 0.8f, false);
                float[] logProbs = forward.logProbs().toFloatArray();
                float[] values = forward.values().toFloatArray();
                int width = TokenBatch.of(prompts, responses).responseWidth();
                for (int row = 0; row < 2; row++) {
                    for (int j = 0; j < responses.get(row).length; j++) {
                        assertEquals(generations.get(row).logProbs()[j], logProbs[row * width + j], 1e-4f);
                        assertEquals(0f, values[row * width + j], 0f, "a fresh critic is zero-initialised");
                    }
                }
            }
        }
    }

    @Test
    void shouldGiveEachRowTheSameGreedyTokensAloneAsInABatch() throws Exception {
        LlamaCheckpoint checkpoint = LlamaCheckpoint.open(TinyGguf.writer("llama", 5).write(dir.resolve("b.gguf")));
        try (LlamaModel model = LlamaModel.load(checkpoint, Device.cpu())) {
            LlamaGenerator generator = new LlamaGenerator(model, java.util.Set.of());
            int[] longer = {1, 3, 4, 5, 6};
            int[] shorter = {7};
            List<Generation> batch = generator.generate(List.of(longer, shorter), SamplingParams.greedy(8));
            assertArrayEquals(generator.generate(List.of(longer), SamplingParams.greedy(8)).get(0).tokenIds(),
                    batch.get(0).tokenIds());
            assertArrayEquals(generator.generate(List.of(shorter), SamplingParams.greedy(8)).get(0).tokenIds(),
                    batch.get(1).tokenIds());
            int[] full = new int[64]; // the whole context of the tiny model
            List<Generation> mixed = generator.generate(List.of(full, shorter), SamplingParams.greedy(8));
            assertEquals(FinishReason.PROMPT_TOO_LONG, mixed.get(0).finishReason());
            assertEquals(0, mixed.get(0).length());
            assertArrayEquals(batch.get(1).tokenIds(), mixed.get(1).tokenIds());
        }
    }
}
