package io.rollstream.actor.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.actor.config.ActorConfig;
import io.rollstream.actor.policy.LoadedPolicy;
import io.rollstream.actor.support.Prompts;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.Decoding;
import io.rollstream.schemas.avro.FinishReason;
import io.rollstream.schemas.avro.Prompt;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AttemptGeneratorTest {

    private static final CharTokenizer TOKENIZER = CharTokenizer.standard();
    private static LoadedPolicy policy;

    private final ActorConfig config = ActorConfig.builder().actorId("unit-actor").maxNewTokens(6).build();
    private final AttemptGenerator generator = new AttemptGenerator(config, TOKENIZER,
            Clock.fixed(Instant.parse("2025-02-03T04:05:06Z"), ZoneOffset.UTC));

    @BeforeAll
    static void createPolicy() {
        PolicyModel model = PolicyModel.create(ModelConfig.preset("tiny"), DeviceChoice.CPU, 5L);
        policy = new LoadedPolicy("default", 3, model, TOKENIZER, Instant.now());
    }

    @AfterAll
    static void closePolicy() {
        policy.close();
    }

    @Test
    void shouldAnswerAPromptLongerThanTheContextWithAnEmptyPromptTooLongAttempt() {
        int context = policy.model().config().maxContext();
        Prompt tooLong = Prompts.fresh("long", "x".repeat(context * 2)).build();
        Prompt normal = Prompts.fresh("short", "1+1").build();

        List<Attempt> attempts = generator.generate(List.of(tooLong, normal), policy);

        Attempt rejected = attempts.get(0);
        assertEquals("long", rejected.getEpisodeId());
        assertEquals(FinishReason.PROMPT_TOO_LONG, rejected.getFinishReason());
        assertEquals("", rejected.getResponse());
        assertTrue(rejected.getResponseTokenIds().isEmpty());
        assertTrue(rejected.getLogProbs().isEmpty());
        assertTrue(rejected.getPromptTokenIds().size() >= context);
        assertEquals(3L, rejected.getPolicyVersion());
        Attempt answered = attempts.get(1);
        assertEquals("short", answered.getEpisodeId());
        assertTrue(answered.getResponseTokenIds().size() >= 1, "the other row is still generated");
    }

    @Test
    void shouldFillEveryAttemptFieldFromTheGenerationAndThePrompt() {
        Prompt prompt = Prompts.fresh("e1", "What is 4+4?").setAttempt(2).setTemperature(0f).setMaxNewTokens(5)
                .setResponsePrefix("So").build();

        Attempt attempt = generator.generate(List.of(prompt), policy).get(0);

        assertEquals("e1", attempt.getEpisodeId());
        assertEquals(2, attempt.getAttempt());
        assertEquals("e1/2", attempt.getPromptId(), "refers to its prompt by id");
        assertEquals(prompt.getRunId(), attempt.getRunId());
        assertEquals(0f, attempt.getTemperature());
        assertEquals(1f, attempt.getTopP());
        assertEquals("unit-actor", attempt.getActorId());
        assertEquals(3L, attempt.getPolicyVersion());
        assertEquals(Instant.parse("2025-02-03T04:05:06Z"), attempt.getStartedAt());
        assertTrue(attempt.getResponseTokenIds().size() <= 5, "prompt token limit applies");
        assertEquals(attempt.getResponseTokenIds().size(), attempt.getLogProbs().size());
        assertTrue(attempt.getLogProbs().stream().allMatch(lp -> lp <= 0f && Float.isFinite(lp)));
        int[] response = attempt.getResponseTokenIds().stream().mapToInt(Integer::intValue).toArray();
        assertEquals(TOKENIZER.decodeContent(response), attempt.getResponse());
        List<Integer> expectedPrompt = java.util.Arrays.stream(PromptRendering.tokens(prompt, TOKENIZER)).boxed()
                .toList();
        assertEquals(expectedPrompt, attempt.getPromptTokenIds());
    }

    @Test
    void shouldDecodeGreedilyTheSameWayWhateverTheBatchAroundIt() {
        Prompt greedy = Prompts.fresh("g", "7*6=").setTemperature(0f).build();
        Prompt sampled = Prompts.fresh("s", "7*6=").build();

        Attempt alone = generator.generate(List.of(greedy), policy).get(0);
        Attempt inMixedBatch = generator.generate(List.of(sampled, greedy), policy).get(1);

        assertEquals(alone.getResponseTokenIds(), inMixedBatch.getResponseTokenIds());
    }

    @Test
    void shouldStampTheServingVersionOnAPromptPinnedToAnotherVersion() {
        Prompt pinned = Prompts.fresh("p", "1+2").setPolicyVersion(9L).build();

        Attempt attempt = generator.generate(List.of(pinned), policy).get(0);

        assertEquals(3L, attempt.getPolicyVersion());
    }

    @Test
    void shouldAnswerASearchPromptByValueGuidedSearchAndRecordIt() {
        Prompt searched = Prompts.fresh("s", "2+2").setTemperature(0f).setMaxNewTokens(12)
                .setDecoding(Decoding.VALUE_GUIDED_SEARCH).build();
        Prompt sampled = Prompts.fresh("p", "2+2").build();

        List<Attempt> attempts = generator.generate(List.of(searched, sampled), policy);

        Attempt bySearch = attempts.get(0);
        assertEquals("s", bySearch.getEpisodeId());
        assertEquals(Decoding.VALUE_GUIDED_SEARCH, bySearch.getDecoding());
        assertEquals(1f, bySearch.getTemperature(), "the search samples its steps at temperature 1");
        assertTrue(bySearch.getResponseTokenIds().size() >= 1 && bySearch.getResponseTokenIds().size() <= 12,
                bySearch.toString());
        assertEquals(bySearch.getResponseTokenIds().size(), bySearch.getLogProbs().size());
        assertEquals(3L, bySearch.getPolicyVersion());
        assertEquals(Decoding.SAMPLE, attempts.get(1).getDecoding());
        assertEquals("p", attempts.get(1).getEpisodeId());
    }
}
