package io.rollstream.grader.topology;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.EpisodeState;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Pure constructors of the records the grader writes; no Kafka, no clocks (time comes in as arguments). */
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
                .build();
    }

    /** The full assistant turn: the replayed prefix (if any) followed by what the actor generated. */
    static String assistantText(Attempt attempt) {
        String prefix = attempt.getPrompt().getResponsePrefix();
        return prefix == null ? attempt.getResponse() : prefix + attempt.getResponse();
    }

    static GradedAttempt graded(Attempt attempt, GradeOutcome outcome, boolean closes, String feedback,
                                String graderVersion, long gradingMicros, long nowMillis) {
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
                .build();
    }

    /**
     * The prompt for attempt k+1: the conversation of attempt k, its full assistant turn, then the feedback as
     * a system turn. The response prefix is not carried over: the next attempt starts a fresh turn.
     */
    static Prompt retry(Attempt attempt, String feedback, int tokensUsed, long nowMillis) {
        Prompt previous = attempt.getPrompt();
        List<Message> messages = new ArrayList<>(previous.getMessages());
        messages.add(new Message(Role.ASSISTANT, assistantText(attempt)));
        messages.add(new Message(Role.SYSTEM, feedback));
        return Prompt.newBuilder(previous)
                .setAttempt(attempt.getAttempt() + 1)
                .setMessages(messages)
                .setResponsePrefix(null)
                .setOrigin(PromptOrigin.RETRY)
                .setTokensUsed(tokensUsed)
                .setCreatedAt(Instant.ofEpochMilli(nowMillis))
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
                .build();
    }
}
