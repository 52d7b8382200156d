package io.rollstream.learner.train;

import io.rollstream.policy.tokenizer.ChatRole;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.policy.tokenizer.ChatMessage;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds closed episodes as the grader writes them, with the token ids and log-probs an actor records. */
public final class TrajectoryFixtures {

    public static final CharTokenizer TOKENIZER = CharTokenizer.standard();
    public static final String FEEDBACK = EpisodeProtocol.feedback(ProtocolTemplate.COMPACT, 1);
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private TrajectoryFixtures() {
    }

    /** Attempt 1 answers {@code first} (wrong), attempt 2 answers {@code second} (correct); reward +1. */
    public static Trajectory twoAttempts(String episodeId, String first, String second, long version) {
        List<Message> messages1 = new ArrayList<>(List.of(
                new Message(Role.SYSTEM, EpisodeProtocol.systemPrompt(ProtocolTemplate.COMPACT, 2)),
                new Message(Role.USER, "2+3")));
        Attempt a1 = attempt(episodeId, 1, 2, messages1, first, version);
        List<Message> messages2 = new ArrayList<>(messages1);
        messages2.add(new Message(Role.ASSISTANT, first));
        messages2.add(new Message(Role.SYSTEM, FEEDBACK));
        Attempt a2 = attempt(episodeId, 2, 2, messages2, second, version);
        return trajectory(episodeId, episodeId, 1, 2, messages1, List.of(
                graded(a1, Verdict.WRONG, FEEDBACK, false), graded(a2, Verdict.CORRECT, null, true)),
                Outcome.SOLVED, 1f);
    }

    /** A one-attempt episode in group {@code groupId} of {@code groupSize}; reward null gives outcome TIMEOUT. */
    public static Trajectory single(String episodeId, String groupId, int groupSize, String response, Float reward,
                                    long version) {
        List<Message> messages = List.of(
                new Message(Role.SYSTEM, EpisodeProtocol.systemPrompt(ProtocolTemplate.COMPACT, 1)),
                new Message(Role.USER, "1+1"));
        Attempt a = attempt(episodeId, 1, 1, messages, response, version);
        Verdict verdict = reward == null ? Verdict.UNSCORABLE : reward > 0 ? Verdict.CORRECT : Verdict.WRONG;
        Outcome outcome = reward == null ? Outcome.TIMEOUT : reward > 0 ? Outcome.SOLVED : Outcome.FAILED;
        return trajectory(episodeId, groupId, groupSize, 1, messages, List.of(graded(a, verdict, null, true)), outcome,
                reward);
    }

    /** The rendered prompt tokens of a conversation, as the actor records them. */
    public static int[] promptTokens(List<Message> messages) {
        List<ChatMessage> chat = messages.stream()
                .map(m -> new ChatMessage(io.rollstream.policy.tokenizer.ChatRole.valueOf(m.getRole().name()),
                        m.getContent()))
                .toList();
        return TOKENIZER.encodePrompt(chat, null);
    }

    /** Log-prob the fixture records for the j-th token of attempt k: distinct, so tests can trace them. */
    public static float logProb(int attempt, int j) {
        return -0.1f * attempt - 0.01f * j;
    }

    private static Attempt attempt(String episodeId, int k, int n, List<Message> messages, String response,
                                   long version) {
        Prompt prompt = Prompt.newBuilder().setEpisodeId(episodeId).setQuestionId("q-" + episodeId)
                .setGroupId(episodeId).setGroupSize(1).setAttempt(k).setMaxAttempts(n).setMessages(messages)
                .setResponsePrefix(null).setOrigin(k == 1 ? PromptOrigin.FRESH : PromptOrigin.RETRY)
                .setTokenBudget(0).setTokensUsed(0).setMaxNewTokens(0).setTemperature(null).setPolicyVersion(null)
                .setCreatedAt(T0).setTemplate(ProtocolTemplate.COMPACT).build();
        int[] ids = TOKENIZER.encodeText(response);
        List<Float> logProbs = new ArrayList<>();
        for (int j = 0; j < ids.length; j++) {
            logProbs.add(logProb(k, j));
        }
        return Attempt.newBuilder().setEpisodeId(episodeId).setAttempt(k)
                .setPromptId(prompt.getPromptId()).setPolicyName(prompt.getPolicyName())
                .setRunId(prompt.getRunId()).setResponse(response)
                .setPromptTokenIds(boxed(promptTokens(messages))).setResponseTokenIds(boxed(ids))
                .setLogProbs(logProbs).setTemperature(1f).setTopP(1f).setFinishReason(FinishReason.BOXED)
                .setPolicyVersion(version).setActorId("actor-1").setStartedAt(T0).setFinishedAt(T0).build();
    }

    private static GradedAttempt graded(Attempt a, Verdict verdict, String feedback, boolean closes) {
        return GradedAttempt.newBuilder().setEpisodeId(a.getEpisodeId()).setAttempt(a.getAttempt())
                .setAttemptRecord(a).setExtractedAnswer(null).setVerdict(verdict).setVerdictReason(null)
                .setReward(EpisodeProtocol.attemptReward(verdict)).setFeedback(feedback).setClosesEpisode(closes)
                .setGraderVersion("test").setGradingMicros(1L).setGradedAt(T0).build();
    }

    private static Trajectory trajectory(String episodeId, String groupId, int groupSize, int n, List<Message> first,
                                         List<GradedAttempt> attempts, Outcome outcome, Float reward) {
        List<Long> versions = attempts.stream().map(g -> g.getAttemptRecord().getPolicyVersion()).toList();
        int tokens = attempts.stream().mapToInt(g -> g.getAttemptRecord().getResponseTokenIds().size()).sum();
        return Trajectory.newBuilder().setEpisodeId(episodeId).setQuestionId("q-" + episodeId).setGroupId(groupId)
                .setGroupSize(groupSize).setMaxAttempts(n).setOrigin(PromptOrigin.FRESH).setAttempts(attempts)
                .setOutcome(outcome).setTerminalReward(reward).setTokensUsed(tokens).setPolicyVersions(versions)
                .setGraderVersion("test").setOpenedAt(T0).setClosedAt(T0).setMessages(first).build();
    }

    private static List<Integer> boxed(int[] ids) {
        return Arrays.stream(ids).boxed().toList();
    }
}
