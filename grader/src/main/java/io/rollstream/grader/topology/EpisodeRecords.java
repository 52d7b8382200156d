package io.rollstream.grader.topology;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.EpisodeState;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.protocol.Conversation;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure constructors of the records the grader writes; no Kafka, no clocks (time comes in as arguments). The
 * episode state holds the conversation; every retry and trajectory is built from it, never from an echo.
 */
final class EpisodeRecords {

    private EpisodeRecords() {
    }

    /** A new open episode from its first prompt. */
    static EpisodeState open(Prompt prompt, long nowMillis, long deadlineMillis) {
        return EpisodeState.newBuilder()
                .setEpisodeId(prompt.getEpisodeId())
                .setQuestionId(prompt.getQuestionId())
                .setGroupId(prompt.getGroupId())
                .setGroupSize(prompt.getGroupSize())
                .setMaxAttempts(prompt.getMaxAttempts())
                .setOrigin(prompt.getOrigin())
                .setTemplate(prompt.getTemplate())
                .setTokenBudget(prompt.getTokenBudget())
                .setTokensUsed(prompt.getTokensUsed())
                .setNextAttempt(1)
                .setGraded(new ArrayList<>())
                .setOpenedAt(Instant.ofEpochMilli(nowMillis))
                .setDeadline(Instant.ofEpochMilli(deadlineMillis))
                .setMessages(new ArrayList<>(prompt.getMessages()))
                .setResponsePrefix(prompt.getResponsePrefix())
                .setMaxNewTokens(prompt.getMaxNewTokens())
                .setTemperature(prompt.getTemperature())
                .setPinnedVersion(prompt.getPolicyVersion())
                .setPolicyName(Conversation.policyOf(prompt.getPolicyName()))
                .setRunId(prompt.getRunId())
                .setDecoding(prompt.getDecoding())
                .build();
    }

    /** The full assistant turn of {@code attempt}: the replayed prefix (first attempt only), then the response. */
    static String assistantText(EpisodeState state, Attempt attempt) {
        return Conversation.assistantText(attempt.getAttempt(), state.getResponsePrefix(), attempt.getResponse());
    }

    static GradedAttempt graded(EpisodeState state, Attempt attempt, GradeOutcome outcome, boolean closes,
                                String feedback, String graderVersion, long gradingMicros, long nowMillis) {
        return GradedAttempt.newBuilder()
                .setEpisodeId(attempt.getEpisodeId())
                .setAttempt(attempt.getAttempt())
                .setAttemptRecord(attempt)
                .setExtractedAnswer(outcome.extracted())
                .setVerdict(outcome.verdict())
                .setVerdictReason(outcome.reason())
                .setReward(EpisodeProtocol.attemptReward(outcome.verdict()))
                .setFeedback(feedback)
                .setClosesEpisode(closes)
                .setGraderVersion(graderVersion)
                .setGradingMicros(gradingMicros)
                .setGradedAt(Instant.ofEpochMilli(nowMillis))
                .setPolicyName(state.getPolicyName())
                .setRunId(state.getRunId())
                .build();
    }

    /**
     * The prompt for the attempt after the last graded one: the episode's conversation so far (its last turn is
     * the feedback), a fresh assistant turn, and the first prompt's sampling settings.
     */
    static Prompt retry(EpisodeState state, long nowMillis) {
        int next = state.getGraded().size() + 1;
        return Prompt.newBuilder()
                .setEpisodeId(state.getEpisodeId())
                .setQuestionId(state.getQuestionId())
                .setGroupId(state.getGroupId())
                .setGroupSize(state.getGroupSize())
                .setAttempt(next)
                .setMaxAttempts(state.getMaxAttempts())
                .setMessages(Conversation.after(state.getMessages(), state.getResponsePrefix(), state.getGraded()))
                .setResponsePrefix(null)
                .setOrigin(PromptOrigin.RETRY)
                .setTokenBudget(state.getTokenBudget())
                .setTokensUsed(state.getTokensUsed())
                .setMaxNewTokens(state.getMaxNewTokens())
                .setTemperature(state.getTemperature())
                .setPolicyVersion(state.getPinnedVersion())
                .setCreatedAt(Instant.ofEpochMilli(nowMillis))
                .setTemplate(state.getTemplate())
                .setPromptId(Conversation.promptId(state.getEpisodeId(), next))
                .setPolicyName(state.getPolicyName())
                .setRunId(state.getRunId())
                .setDecoding(state.getDecoding())
                .build();
    }

    static Trajectory trajectory(EpisodeState state, Outcome outcome, String graderVersion, long nowMillis) {
        List<Long> versions = new ArrayList<>();
        for (GradedAttempt graded : state.getGraded()) {
            versions.add(graded.getAttemptRecord().getPolicyVersion());
        }
        return Trajectory.newBuilder()
                .setEpisodeId(state.getEpisodeId())
                .setQuestionId(state.getQuestionId())
                .setGroupId(state.getGroupId())
                .setGroupSize(state.getGroupSize())
                .setMaxAttempts(state.getMaxAttempts())
                .setOrigin(state.getOrigin())
                .setAttempts(new ArrayList<>(state.getGraded()))
                .setOutcome(outcome)
                .setTerminalReward(EpisodeProtocol.terminalReward(outcome))
                .setTokensUsed(state.getTokensUsed())
                .setPolicyVersions(versions)
                .setGraderVersion(graderVersion)
                .setOpenedAt(state.getOpenedAt())
                .setClosedAt(Instant.ofEpochMilli(nowMillis))
                .setMessages(new ArrayList<>(state.getMessages()))
                .setResponsePrefix(state.getResponsePrefix())
                .setTokenBudget(state.getTokenBudget())
                .setTemplate(state.getTemplate())
                .setPolicyName(state.getPolicyName())
                .setRunId(state.getRunId())
                .build();
    }
}
