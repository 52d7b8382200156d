package io.rollstream.policy.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.policy.tokenizer.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueGuidedSearchTest {

    private static final CharTokenizer TOKENIZER = CharTokenizer.standard();

    @Test
    void shouldKeepTheHighestValuedCandidatesInOrder() {
        List<ValueGuidedSearch.Candidate> candidates = List.of(candidate(1, 0.1f), candidate(2, 0.9f),
                candidate(3, 0.5f), candidate(4, 0.9f));
        List<ValueGuidedSearch.Candidate> kept = ValueGuidedSearch.best(candidates, 3);
        assertEquals(List.of(2, 4, 3), kept.stream().map(c -> c.tokens()[0]).toList());
        assertEquals(1, ValueGuidedSearch.best(candidates, 1).size());
    }

    @Test
    void shouldStopOneStepAtATimeRightAfterANewline() {
        int newline = TOKENIZER.encodeText("\n")[0];
        try (PolicyModel model = PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 3L)) {
            List<int[]> prompts = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                prompts.add(prompt());
            }
            List<Generation> out = new Generator(model, TOKENIZER).oneStepAtATime()
                    .generate(prompts, new SamplingParams(1f, 1f, 150, 9L));
            int steps = 0;
            for (Generation g : out) {
                int[] t = g.tokenIds();
                for (int j = 0; j < t.length - 1; j++) {
                    assertNotEquals(newline, t[j], "a newline before the last token");
                }
                if (g.finishReason() == FinishReason.STEP_END) {
                    assertEquals(newline, t[t.length - 1]);
                    steps++;
                }
            }
            assertTrue(steps > 0, "an untrained model emits a newline in 32 rows of up to 150 tokens");
        }
    }

    @Test
    void shouldReturnAFinishedAnswerWithinItsBudgetTheSameForTheSameSeed() {
        try (PolicyModel model = PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 4L)) {
            ValueGuidedSearch search = new ValueGuidedSearch(model, TOKENIZER);
            ValueGuidedSearch.Settings settings = new ValueGuidedSearch.Settings(3, 20, 40, 11L);
            ValueGuidedSearch.Result first = search.search(prompt(), settings);
            ValueGuidedSearch.Result again = search.search(prompt(), settings);
            assertArrayEquals(first.generation().tokenIds(), again.generation().tokenIds());
            assertEquals(first.value(), again.value());
            assertTrue(first.generation().length() <= 40, first.toString());
            assertTrue(Set.of(FinishReason.BOXED, FinishReason.END_OF_TURN, FinishReason.MAX_TOKENS)
                    .contains(first.generation().finishReason()), first.toString());
            assertTrue(first.steps() >= 1 && first.steps() <= 20, first.toString());
            // The first step expands the empty answer K times; every later one at most K beams K times.
            assertTrue(first.scored() >= 3 && first.scored() <= 3 + 9 * (first.steps() - 1), first.toString());
            assertEquals(first.generation().tokenIds().length, first.generation().logProbs().length);
        }
    }

    private static int[] prompt() {
        return TOKENIZER.encodePrompt(List.of(ChatMessage.system("Answer in \\boxed{}."), ChatMessage.user("2+3")),
                null);
    }

    private static ValueGuidedSearch.Candidate candidate(int token, float value) {
        return new ValueGuidedSearch.Candidate(new int[] {token}, new float[] {0f}, FinishReason.STEP_END, value);
    }
}
