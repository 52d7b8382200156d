package io.rollstream.cli.chaos;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.FinishReason;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.avro.Verdict;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import java.time.Instant;
import java.util.List;

/** Well-formed pipeline records built by hand: the valid half of the poison mix and the audit's test fixtures. */
final class EpisodeRecords {

    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    private EpisodeRecords() {
    }

    /** Attempt {@code k} of {@code n} of an episode, as an actor writes it, answering {@code response}. */
    static Attempt attempt(String episodeId, String questionId, int k, int n, String response) {
        Prompt prompt = Prompt.newBuilder()
                .setEpisodeId(episodeId).setQuestionId(questionId).setGroupId(episodeId).setGroupSize(1)
                .setAttempt(k).setMaxAttempts(n)
                .setMessages(List.of(new Message(Role.SYSTEM, EpisodeProtocol.systemPrompt(ProtocolTemplate.COMPACT, n)),
                        new Message(Role.USER, "What is 2 + 2?")))
                .setResponsePrefix(null).setOrigin(k == 1 ? PromptOrigin.FRESH : PromptOrigin.RETRY)
                .setTokenBudget(0).setTokensUsed(0).setMaxNewTokens(8).setTemperature(null).setPolicyVersion(null)
                .setCreatedAt(AT).setTemplate(ProtocolTemplate.COMPACT)
                .build();
        return Attempt.newBuilder()
                .setEpisodeId(episodeId).setAttempt(k)
                .setPromptId(prompt.getPromptId()).setPolicyName(prompt.getPolicyName())
                .setRunId(prompt.getRunId()).setResponse(response)
                .setPromptTokenIds(List.of(1, 2, 3)).setResponseTokenIds(List.of(4, 5)).setLogProbs(List.of(-0.5f, -0.7f))
                .setTemperature(1.0f).setTopP(1.0f).setFinishReason(FinishReason.MAX_TOKENS).setPolicyVersion(1)
                .setActorId("hand-made").setStartedAt(AT).setFinishedAt(AT.plusMillis(5))
                .build();
    }

    /** The grader's record of attempt {@code k} of {@code n} with {@code verdict}. */
    static GradedAttempt graded(String episodeId, int k, int n, Verdict verdict, boolean closes) {
        return GradedAttempt.newBuilder()
                .setEpisodeId(episodeId).setAttempt(k).setAttemptRecord(attempt(episodeId, "q-" + episodeId, k, n, "x"))
                .setExtractedAnswer(null).setVerdict(verdict).setVerdictReason(null)
                .setReward(EpisodeProtocol.attemptReward(verdict))
                .setFeedback(closes ? null : EpisodeProtocol.feedback(ProtocolTemplate.COMPACT, n - k))
                .setClosesEpisode(closes).setGraderVersion("test").setGradingMicros(10).setGradedAt(AT)
                .build();
    }

    /** A closed episode holding {@code attempts}, with the outcome and reward the verdicts give. */
    static Trajectory trajectory(String episodeId, int n, List<GradedAttempt> attempts) {
        Outcome outcome = EpisodeProtocol.outcome(attempts.stream().map(GradedAttempt::getVerdict).toList());
        return Trajectory.newBuilder()
                .setEpisodeId(episodeId).setQuestionId("q-" + episodeId).setGroupId(episodeId).setGroupSize(1)
                .setMaxAttempts(n).setOrigin(PromptOrigin.FRESH).setAttempts(attempts).setOutcome(outcome)
                .setTerminalReward(EpisodeProtocol.terminalReward(outcome)).setTokensUsed(2 * attempts.size())
                .setPolicyVersions(List.of(1L)).setGraderVersion("test").setOpenedAt(AT).setClosedAt(AT)
                .build();
    }
}
