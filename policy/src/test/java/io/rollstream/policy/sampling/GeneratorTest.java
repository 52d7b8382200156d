package io.rollstream.policy.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.scoring.Scorer;
import io.rollstream.policy.scoring.TokenScores;
import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.policy.tokenizer.CharTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    private static final CharTokenizer TOKENIZER = CharTokenizer.standard();
    private static PolicyModel model;

    @BeforeAll
    static void createModel() {
        model = PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 11L);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    private static List<int[]> prompts() {
        return List.of(
                TOKENIZER.encodePrompt(List.of(ChatMessage.user("What is 2 + 3?")), null),
                TOKENIZER.encodePrompt(List.of(
                        ChatMessage.system("Put the final answer in \\boxed{}."),
                        ChatMessage.user("A farmer has 17 sheep and buys 25 more. How many sheep now?")), "Step 1:"),
                TOKENIZER.encodePrompt(List.of(ChatMessage.user("1+1")), null));
    }

    @Test
    void shouldDecodeTheSameGreedyTokensWithAndWithoutKvCacheForPromptsOfDifferentLengths() {
        Generator cached = new Generator(model, TOKENIZER).ignoringStops();
        SamplingParams greedy = SamplingParams.greedy(40);
        List<Generation> fast = cached.generate(prompts(), greedy);
        List<Generation> slow = cached.withoutKvCache().generate(prompts(), greedy);
        for (int row = 0; row < fast.size(); row++) {
            assertEquals(40, fast.get(row).length());
            assertArrayEquals(slow.get(row).tokenIds(), fast.get(row).tokenIds(), "row " + row);
            assertArrayEquals(slow.get(row).logProbs(), fast.get(row).logProbs(), 1e-4f, "row " + row);
        }
    }

    @Test
    void shouldDecodeEachPromptAloneAsItDoesInsideAPaddedBatch() {
        Generator generator = new Generator(model, TOKENIZER).ignoringStops();
        SamplingParams greedy = SamplingParams.greedy(24);
        List<Generation> batched = generator.generate(prompts(), greedy);
        for (int row = 0; row < prompts().size(); row++) {
            Generation alone = generator.generate(List.of(prompts().get(row)), greedy).get(0);
            assertArrayEquals(alone.tokenIds(), batched.get(row).tokenIds(), "row " + row);
        }
    }

    @Test
    void shouldReportSamplingLogProbsThatTheScorerRecomputesAtTemperatureOne() {
        assertSamplingMatchesScoring(new SamplingParams(1.0f, 1.0f, 48, 5L));
    }

    @Test
    void shouldReportSamplingLogProbsThatTheScorerRecomputesAtTemperatureZeroPointSixWithTopP() {
        assertSamplingMatchesScoring(new SamplingParams(0.6f, 0.9f, 48, 9L));
    }

    private static void assertSamplingMatchesScoring(SamplingParams params) {
        List<Generation> generations = new Generator(model, TOKENIZER).generate(prompts(), params);
        List<int[]> responses = new ArrayList<>();
        generations.forEach(g -> responses.add(g.tokenIds()));
        TokenScores scores = new Scorer(model, 2).score(prompts(), responses, params.temperature());
        for (int row = 0; row < generations.size(); row++) {
            assertTrue(generations.get(row).length() > 0);
            assertArrayEquals(generations.get(row).logProbs(), scores.logProbs()[row], 1e-4f, "row " + row);
        }
    }

    @Test
    void shouldRepeatASeededSampleAndChangeWithTheSeed() {
        Generator generator = new Generator(model, TOKENIZER).ignoringStops();
        List<Generation> first = generator.generate(prompts(), new SamplingParams(1f, 1f, 32, 3L));
        List<Generation> again = generator.generate(prompts(), new SamplingParams(1f, 1f, 32, 3L));
        List<Generation> other = generator.generate(prompts(), new SamplingParams(1f, 1f, 32, 4L));
        boolean anyDifferent = false;
        for (int row = 0; row < first.size(); row++) {
            assertArrayEquals(first.get(row).tokenIds(), again.get(row).tokenIds());
            anyDifferent |= !Arrays.equals(first.get(row).tokenIds(), other.get(row).tokenIds());
        }
        assertTrue(anyDifferent);
    }

    @Test
    void shouldAnswerPromptTooLongWithNoTokensAndStillServeTheOtherRows() {
        int context = model.config().maxContext();
        int[] tooLong = TOKENIZER.encodePrompt(List.of(ChatMessage.user("x".repeat(context + 10))), null);
        int[] fits = prompts().get(0);
        List<Generation> out = new Generator(model, TOKENIZER).generate(
                List.of(tooLong, fits), SamplingParams.greedy(8));
        assertEquals(FinishReason.PROMPT_TOO_LONG, out.get(0).finishReason());
        assertEquals(0, out.get(0).length());
        assertEquals(tooLong.length, out.get(0).promptTokens());
        assertTrue(out.get(1).length() > 0);
    }

    @Test
    void shouldStopAtTheContextLimitWithMaxTokens() {
        int context = model.config().maxContext();
        int[] nearlyFull = TOKENIZER.encodePrompt(List.of(ChatMessage.user("y".repeat(context - 8))), null);
        Generation out = new Generator(model, TOKENIZER).ignoringStops()
                .generate(List.of(nearlyFull), SamplingParams.greedy(100)).get(0);
        assertEquals(FinishReason.MAX_TOKENS, out.finishReason());
        assertEquals(context, nearlyFull.length + out.length());
    }
}
