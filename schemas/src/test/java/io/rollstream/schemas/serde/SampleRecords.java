package io.rollstream.schemas.serde;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.EpisodeState;
import io.rollstream.schemas.avro.FinishReason;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.avro.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Instances of every generated record with every field set, optional ones included. */
final class SampleRecords {

    static final Instant T0 = Instant.parse("2025-03-01T12:00:00.123Z");

    private SampleRecords() {
    }

    static Question question() {
        return Question.newBuilder()
                .setQuestionId("q-17")
                .setProblem("What is 12 * (3 + 4)? Ünïcödé ∑")
                .setAnswer("84")
                .setDataset("synthetic")
                .setSplit("train")
                .setSolution("3 + 4 = 7, 12 * 7 = 84, so \\boxed{84}")
                .setCreatedAt(T0)
                .build();
    }

    static Message message(Role role, String content) {
        return Message.newBuilder().setRole(role).setContent(content).build();
    }

    static Prompt prompt() {
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
                        message(Role.SYSTEM, "Your answer is incorrect. You have 2 attempts left.")))
                .setResponsePrefix("Let me recompute: ")
                .setOrigin(PromptOrigin.RETRY)
                .setTokenBudget(4096)
                .setTokensUsed(311)
                .setMaxNewTokens(512)
                .setTemperature(0.6f)
                .setPolicyVersion(41L)
                .setCreatedAt(T0.plusMillis(5))
                .setTemplate(ProtocolTemplate.COMPACT)
                .setPromptId("ep-1/2")
                .setPolicyName("multi-attempt")
                .setRunId("run-1")
                .build();
    }

    static Attempt attempt() {
        return Attempt.newBuilder()
                .setEpisodeId("ep-1")
                .setAttempt(2)
                .setPromptId(prompt().getPromptId()).setPolicyName(prompt().getPolicyName())
                .setRunId(prompt().getRunId())
                .setResponse("3 + 4 = 7 and 12 * 7 = 84. \\boxed{84}")
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

    static GradedAttempt gradedAttempt() {
        return GradedAttempt.newBuilder()
                .setEpisodeId("ep-1")
                .setAttempt(2)
                .setAttemptRecord(attempt())
                .setExtractedAnswer("84")
                .setVerdict(Verdict.CORRECT)
                .setVerdictReason("84 equals 84")
                .setReward(1.0f)
                .setFeedback("Well done.")
                .setClosesEpisode(true)
                .setGraderVersion("grader-1.2")
                .setGradingMicros(1234L)
                .setGradedAt(T0.plusMillis(950))
                .setPolicyName("multi-attempt")
                .setRunId("run-1")
                .build();
    }

    static Trajectory trajectory() {
        return Trajectory.newBuilder()
                .setEpisodeId("ep-1")
                .setQuestionId("q-17")
                .setGroupId("g-1")
                .setGroupSize(8)
                .setMaxAttempts(3)
                .setOrigin(PromptOrigin.FRESH)
                .setAttempts(List.of(gradedAttempt(), gradedAttempt()))
                .setOutcome(Outcome.SOLVED)
                .setTerminalReward(1.0f)
                .setTokensUsed(622)
                .setPolicyVersions(List.of(40L, 41L))
                .setGraderVersion("grader-1.2")
                .setOpenedAt(T0)
                .setClosedAt(T0.plusSeconds(2))
                .setMessages(prompt().getMessages())
                .setResponsePrefix("Let me")
                .setTokenBudget(4096)
                .setTemplate(ProtocolTemplate.COMPACT)
                .setPolicyName("multi-attempt")
                .setRunId("run-1")
                .build();
    }

    static EpisodeState episodeState() {
        return EpisodeState.newBuilder()
                .setEpisodeId("ep-1")
                .setQuestionId("q-17")
                .setGroupId("g-1")
                .setGroupSize(8)
                .setMaxAttempts(3)
                .setOrigin(PromptOrigin.REPLAY)
                .setTemplate(ProtocolTemplate.COMPACT)
                .setTokenBudget(4096)
                .setTokensUsed(311)
                .setNextAttempt(3)
                .setGraded(List.of(gradedAttempt()))
                .setOpenedAt(T0)
                .setDeadline(T0.plusSeconds(30))
                .setMessages(prompt().getMessages())
                .setResponsePrefix("Let me")
                .setMaxNewTokens(256)
                .setTemperature(0.6f)
                .setPinnedVersion(7L)
                .setPolicyName("multi-attempt")
                .setRunId("run-1")
                .build();
    }

    static PolicyVersion policyVersion() {
        return PolicyVersion.newBuilder()
                .setPolicyName("tiny")
                .setVersion(42L)
                .setWeightsUri("file:///var/rollstream/weights/ab/abcdef")
                .setSha256("ab".repeat(32))
                .setSizeBytes(1_234_567L)
                .setParentVersion(41L)
                .setModelConfig("{\"preset\":\"tiny\",\"layers\":2}")
                .setAlgorithm("GRPO")
                .setTrainingStep(1000L)
                .setMetrics(Map.of("reward/mean", 0.5, "policy/clip-fraction", 0.02))
                .setCreatedAt(T0.plusSeconds(60))
                .build();
    }

    /** One fully populated instance of each generated record type. */
    static List<SpecificRecord> all() {
        return List.of(question(), message(Role.USER, "hello"), prompt(), attempt(), gradedAttempt(),
                trajectory(), episodeState(), policyVersion());
    }
}
