package io.rollstream.infra.interop;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.FinishReason;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.avro.Verdict;
import java.time.Instant;
import java.util.List;

/**
 * Records as the pipeline writes them, with non-ASCII text, negative and large numbers, and both branches of
 * the optional unions, so a reader that gets any encoding detail wrong shows a different value.
 */
final class InteropRecords {

    static final Instant T0 = Instant.parse("2025-03-01T12:00:00.123Z");
    static final String RETRY_RESPONSE = "3 + 4 = 7 and 12 · 7 = 84, ∑ ünïcödé 🙂. \\boxed{84}";
    static final String FEEDBACK_TURN = "Your answer is incorrect. You have 2 attempts left.";

    private InteropRecords() {
    }

    /** A retry prompt with every optional field set. */
    static Prompt retryPrompt() {
        return Prompt.newBuilder()
                .setEpisodeId("ep-1")
                .setQuestionId("q-17")
                .setGroupId("g-1")
                .setGroupSize(8)
                .setAttempt(2)
                .setMaxAttempts(3)
                .setMessages(List.of(
                        message(Role.SYSTEM, "Please reason step by step."),
                        message(Role.USER, "What is 12 * (3 + 4)?"),
                        message(Role.ASSISTANT, "\\boxed{85}"),
                        message(Role.SYSTEM, FEEDBACK_TURN)))
                .setResponsePrefix("Let me recompute: ")
                .setOrigin(PromptOrigin.RETRY)
                .setTokenBudget(4096)
                .setTokensUsed(311)
                .setMaxNewTokens(512)
                .setTemperature(0.6f)
                .setPolicyVersion(41L)
                .setCreatedAt(T0.plusMillis(5))
                .setTemplate(ProtocolTemplate.COMPACT)
                .build();
    }

    /** A first-attempt prompt whose optional fields are null (the null branch of each union). */
    static Prompt freshPrompt() {
        return Prompt.newBuilder()
                .setEpisodeId("ep-2")
                .setQuestionId("q-18")
                .setGroupId("ep-2")
                .setGroupSize(1)
                .setAttempt(1)
                .setMaxAttempts(3)
                .setMessages(List.of(message(Role.USER, "What is 2^40?")))
                .setResponsePrefix(null)
                .setOrigin(PromptOrigin.FRESH)
                .setTokenBudget(0)
                .setTokensUsed(0)
                .setMaxNewTokens(0)
                .setTemperature(null)
                .setPolicyVersion(null)
                .setCreatedAt(T0)
                .setTemplate(ProtocolTemplate.PAPER)
                .setPromptId("ep-2/1")
                .setPolicyName("multi-attempt")
                .setRunId("run-7")
                .build();
    }

    /** The actor's answer to {@link #retryPrompt()}. */
    static Attempt retryAttempt() {
        return Attempt.newBuilder()
                .setEpisodeId("ep-1")
                .setAttempt(2)
                .setPromptId(retryPrompt().getPromptId()).setPolicyName(retryPrompt().getPolicyName())
                .setRunId(retryPrompt().getRunId())
                .setResponse(RETRY_RESPONSE)
                .setPromptTokenIds(List.of(1, 2, 3, 40000, -1))
                .setResponseTokenIds(List.of(7, 8, 9))
                .setLogProbs(List.of(-0.25f, -1.5f, -0.001f))
                .setTemperature(0.6f)
                .setTopP(0.95f)
                .setFinishReason(FinishReason.BOXED)
                .setPolicyVersion(41L)
                .setActorId("actor-3")
                .setStartedAt(T0.plusMillis(10))
                .setFinishedAt(T0.plusMillis(900))
                .build();
    }

    /** The actor's answer to {@link #freshPrompt()}, cut off at the token limit; its policy version needs 64 bits. */
    static Attempt freshAttempt() {
        return Attempt.newBuilder()
                .setEpisodeId("ep-2")
                .setAttempt(1)
                .setPromptId(freshPrompt().getPromptId()).setPolicyName(freshPrompt().getPolicyName())
                .setRunId(freshPrompt().getRunId())
                .setResponse("2^40 = 1099511627776")
                .setPromptTokenIds(List.of(5, 6))
                .setResponseTokenIds(List.of(11, 12, 13, 14))
                .setLogProbs(List.of(-2.0f, -0.5f, -0.125f, -4.0f))
                .setTemperature(1.0f)
                .setTopP(1.0f)
                .setFinishReason(FinishReason.MAX_TOKENS)
                .setPolicyVersion(1L << 40)
                .setActorId("actor-1")
                .setStartedAt(T0.plusMillis(20))
                .setFinishedAt(T0.plusMillis(1020))
                .build();
    }

    /** The grade of {@link #retryAttempt()}: correct, so it closes the episode and gives no feedback (null). */
    static GradedAttempt closingGrade() {
        return GradedAttempt.newBuilder()
                .setEpisodeId("ep-1")
                .setAttempt(2)
                .setAttemptRecord(retryAttempt())
                .setExtractedAnswer("84")
                .setVerdict(Verdict.CORRECT)
                .setVerdictReason("84 equals 84")
                .setReward(1.0f)
                .setFeedback(null)
                .setClosesEpisode(true)
                .setGraderVersion("grader-1.2")
                .setGradingMicros(1234L)
                .setGradedAt(T0.plusMillis(950))
                .build();
    }

    private static Message message(Role role, String content) {
        return Message.newBuilder().setRole(role).setContent(content).build();
    }
}
