package io.rollstream.policy.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.policy.weights.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyModelTest {

    private static final CharTokenizer TOKENIZER = CharTokenizer.standard();
    private static PolicyModel model;

    @TempDir
    Path directory;

    @BeforeAll
    static void createModel() {
        model = PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 21L);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    /** Raw logits (T * V) of one unpadded sequence through the block's NDList interface. */
    private static float[] logits(PolicyModel target, int[] sequence) {
        try (NDManager manager = target.newManager()) {
            long[] tokens = Arrays.stream(sequence).asLongStream().toArray();
            long[] positions = new long[sequence.length];
            float[] valid = new float[sequence.length];
            for (int i = 0; i < sequence.length; i++) {
                positions[i] = i;
                valid[i] = 1f;
            }
            Shape shape = new Shape(1, sequence.length);
            NDList out = target.block().forward(new ParameterStore(manager, false),
                    new NDList(manager.create(tokens, shape), manager.create(positions, shape),
                            manager.create(valid, shape)), false);
            return out.get(0).toFloatArray(); // (1, T, V)
        }
    }

    private static TokenBatch sampleBatch() {
        return TokenBatch.of(
                List.of(TOKENIZER.encodeText("<q>What is 4+4?"), TOKENIZER.encodeText("1+2=")),
                List.of(TOKENIZER.encodeText("It is 8."), TOKENIZER.encodeText("3")));
    }

    private static float[] logProbs(PolicyModel target, TokenBatch batch) {
        try (NDManager manager = target.newManager()) {
            return target.forward(manager, batch, 1f, false).logProbs().toFloatArray();
        }
    }

    @Test
    void shouldKeepEarlierLogitsWhenALaterTokenChanges() {
        int[] original = TOKENIZER.encodeText("The answer is 42, clearly.");
        int[] changed = original.clone();
        int t = 12;
        changed[t] = TOKENIZER.encodeText("Z")[0];
        float[] before = logits(model, original);
        float[] after = logits(model, changed);
        int vocab = model.config().vocabSize();
        for (int i = 0; i < t * vocab; i++) {
            assertEquals(before[i], after[i], 1e-6f, "logit " + i + " before the changed column");
        }
        float difference = 0;
        for (int i = t * vocab; i < (t + 1) * vocab; i++) {
            difference += Math.abs(before[i] - after[i]);
        }
        assertTrue(difference > 1e-3f, "the changed column itself must see its new token");
    }

    @Test
    void shouldScoreAPairTheSameAloneAndNextToALongerPrompt() {
        TokenBatch both = sampleBatch();
        TokenBatch alone = TokenBatch.of(List.of(both.prompts().get(1)), List.of(both.responses().get(1)));
        float[] batched = logProbs(model, both); // (2, 8)
        float[] single = logProbs(model, alone); // (1, 1)
        assertEquals(single[0], batched[8], 1e-5f);
    }

    @Test
    void shouldRoundTripWeightsThroughOneFileWithAStableSha256() throws IOException {
        WeightsFile saved = model.save(directory.resolve("policy.bin"));
        assertEquals(Sha256.ofFile(saved.path()), saved.sha256());
        assertEquals(Files.size(saved.path()), saved.sizeBytes());
        try (PolicyModel loaded = PolicyModel.load(saved.path(), saved.sha256(), model.device())) {
            assertEquals(model.config(), loaded.config());
            int[] sequence = TOKENIZER.encodeText("Round trip 123");
            assertArrayEquals(logits(model, sequence), logits(loaded, sequence), 0f);
            assertEquals(saved.sha256(), loaded.save(directory.resolve("again.bin")).sha256());
        }
    }

    @Test
    void shouldRefuseToLoadAFileWhoseHashDiffers() throws IOException {
        WeightsFile saved = model.save(directory.resolve("policy.bin"));
        String wrong = saved.sha256().startsWith("0") ? "1" + saved.sha256().substring(1)
                : "0" + saved.sha256().substring(1);
        assertThrows(IOException.class, () -> PolicyModel.load(saved.path(), wrong, model.device()));
        Path garbage = Files.write(directory.resolve("garbage.bin"), new byte[] {1, 2, 3, 4, 5, 6});
        assertThrows(IOException.class, () -> PolicyModel.load(garbage, DeviceChoice.CPU));
    }

    @Test
    void shouldGiveTheSameWeightsForTheSameSeedOnly() {
        int[] sequence = TOKENIZER.encodeText("seeded");
        try (PolicyModel same = PolicyModel.create(model.config(), DeviceChoice.CPU, 21L);
                PolicyModel other = PolicyModel.create(model.config(), DeviceChoice.CPU, 22L)) {
            assertArrayEquals(logits(model, sequence), logits(same, sequence), 0f);
            assertFalse(Arrays.equals(logits(model, sequence), logits(other, sequence)));
        }
    }

    @Test
    void shouldCopyWeightsIntoAFrozenReference() {
        int[] sequence = TOKENIZER.encodeText("copy me");
        try (PolicyModel other = PolicyModel.create(model.config(), DeviceChoice.CPU, 99L);
                PolicyModel reference = model.frozenCopy()) {
            assertFalse(Arrays.equals(logits(model, sequence), logits(other, sequence)));
            other.copyWeightsFrom(model);
            assertArrayEquals(logits(model, sequence), logits(other, sequence), 0f);
            assertArrayEquals(logits(model, sequence), logits(reference, sequence), 0f);
            reference.block().getParameters().forEach(p -> assertFalse(p.getValue().requiresGradient()));
        }
    }

    @Test
    void shouldRefuseToCopyBetweenDifferentArchitectures() {
        try (PolicyModel separate = PolicyModel.create(
                model.config().withValueHead(ValueHeadKind.SEPARATE), DeviceChoice.CPU, 1L)) {
            assertThrows(IllegalArgumentException.class, () -> separate.copyWeightsFrom(model));
            assertTrue(separate.parameterCount() > 1.9 * model.parameterCount());
            assertNotEquals(0f, logProbs(separate, sampleBatch())[0]);
        }
    }

    @Test
    void shouldAlignOutputsToResponseTokensAndMaskPadding() {
        try (NDManager manager = model.newManager()) {
            TrainForward out = model.forward(manager, sampleBatch(), 0.6f, false);
            assertEquals(new Shape(2, 8), out.logProbs().getShape());
            assertEquals(new Shape(2, 8), out.entropies().getShape());
            assertEquals(new Shape(2, 8), out.values().getShape());
            float[] mask = out.responseMask().toFloatArray();
            assertEquals(9f, sum(mask));
            assertEquals(1f, mask[8]);
            assertEquals(0f, mask[9]);
            for (float entropy : out.entropies().toFloatArray()) {
                assertTrue(entropy >= 0 && entropy <= Math.log(model.config().vocabSize()) + 1e-4);
            }
        }
    }

    private static float sum(float[] values) {
        float total = 0;
        for (float v : values) {
            total += v;
        }
        return total;
    }

    @Test
    void shouldRejectAPairLongerThanTheContext() {
        int context = model.config().maxContext();
        TokenBatch tooLong = TokenBatch.of(List.of(new int[context - 2]), List.of(new int[3]));
        try (NDManager manager = model.newManager()) {
            assertThrows(IllegalArgumentException.class, () -> model.forward(manager, tooLong, 1f, false));
        }
    }
}
