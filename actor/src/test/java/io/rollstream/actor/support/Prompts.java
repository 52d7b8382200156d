package io.rollstream.actor.support;

import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Role;
import java.time.Instant;
import java.util.List;

/** Prompt records for tests. */
public final class Prompts {

    private Prompts() {
    }

    /** A fresh first-attempt prompt with a system and a user turn. */
    public static Prompt.Builder fresh(String episodeId, String question) {
        return Prompt.newBuilder()
                .setEpisodeId(episodeId)
                .setQuestionId("q-" + episodeId)
                .setGroupId(episodeId)
                .setGroupSize(1)
                .setAttempt(1)
                .setMaxAttempts(2)
                .setMessages(List.of(
                        new Message(Role.SYSTEM, "Put the answer in \\boxed{}."),
                        new Message(Role.USER, question)))
                .setResponsePrefix(null)
                .setOrigin(PromptOrigin.FRESH)
                .setTokenBudget(0)
                .setTokensUsed(0)
                .setMaxNewTokens(0)
                .setTemperature(null)
                .setPolicyVersion(null)
                .setCreatedAt(Instant.parse("2025-01-01T00:00:00Z"))
                .setTemplate(ProtocolTemplate.COMPACT);
    }
}
