package io.rollstream.grader.topology;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.FinishReason;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.protocol.Conversation;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builders of well-formed pipeline records for grader tests. */
final class Episodes {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Episodes() {
    }

    static Question question(String id, String answer) {
        return Question.newBuilder().setQuestionId(id).setProblem("What is " + id + "?").setAnswer(answer)
                .setDataset("synthetic").setSplit("train").setSolution(null).setCreatedAt(T0).build();
    }

    static Prompt firstPrompt(String episodeId, String questionId, int maxAttempts) {
        List<Message> messages = new ArrayList<>();
        messages.add(new Message(Role.SYSTEM, EpisodeProtocol.systemPrompt(maxAttempts)));
        messages.add(new Message(Role.USER, "What is " + questionId + "?"));
        return Prompt.newBuilder().setEpisodeId(episodeId).setQuestionId(questionId).setGroupId("g-" + questionId)
                .setGroupSize(8).setAttempt(1).setMaxAttempts(maxAttempts).setMessages(messages)
                .setResponsePrefix(null).setOrigin(PromptOrigin.FRESH).setTokenBudget(0).setTokensUsed(0)
                .setMaxNewTokens(64).setTemperature(null).setPolicyVersion(null).setCreatedAt(T0)
                .setPromptId(Conversation.promptId(episodeId, 1)).setPolicyName("test-policy").setRunId("run-test")
                .build();
    }

    static Attempt answer(Prompt prompt, String response) {
        List<Integer> tokens = new ArrayList<>();
        List<Float> logProbs = new ArrayList<>();
        for (int i = 0; i < response.length(); i++) {
            tokens.add((int) response.charAt(i));
            logProbs.add(-0.5f);
        }
        return Attempt.newBuilder().setEpisodeId(prompt.getEpisodeId()).setAttempt(prompt.getAttempt())
                .setPromptId(prompt.getPromptId()).setPolicyName(prompt.getPolicyName()).setRunId(prompt.getRunId())
                .setResponse(response).setPromptTokenIds(List.of(1, 2, 3))
                .setResponseTokenIds(tokens).setLogProbs(logProbs).setTemperature(1.0f).setTopP(1.0f)
                .setFinishReason(response.contains("\\boxed{") ? FinishReason.BOXED : FinishReason.END_OF_TURN)
                .setPolicyVersion(3L).setActorId("actor-test").setStartedAt(T0).setFinishedAt(T0).build();
    }
}
