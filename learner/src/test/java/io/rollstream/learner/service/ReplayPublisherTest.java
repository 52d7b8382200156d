package io.rollstream.learner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.learner.replay.EpisodeOrigin;
import io.rollstream.learner.replay.ReplayReason;
import io.rollstream.learner.replay.ReplayState;
import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.policy.tokenizer.ChatRole;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A replay state becomes a new, ungrouped REPLAY episode that continues the kept prefix with the attempts left. */
class ReplayPublisherTest {

    private static final String SYSTEM = EpisodeProtocol.systemPrompt(ProtocolTemplate.COMPACT, 3);

    /** Cut from attempt 2 of 3 of episode ep-9. */
    private static ReplayState state() {
        List<ChatMessage> conversation = List.of(new ChatMessage(ChatRole.SYSTEM, SYSTEM),
                new ChatMessage(ChatRole.USER, "Compute 2+3."), new ChatMessage(ChatRole.ASSISTANT, "\\boxed{4}"),
                new ChatMessage(ChatRole.SYSTEM, "Your answer is wrong."));
        return new ReplayState("q-9", new EpisodeOrigin("ep-9", "g-9", 2, 3, 5L, "run-9"), conversation, "2+3=5\n",
                0.6f, ReplayReason.PROMISING_FAILED, 11, 0);
    }

    @Test
    void shouldStartANewEpisodeFromTheKeptPrefixWithTheAttemptsLeft() {
        Prompt p = ReplayPublisher.toPrompt(state(), 12, 0, "policy-a", 0.6f);
        assertEquals(PromptOrigin.REPLAY, p.getOrigin());
        assertTrue(p.getEpisodeId().startsWith("replay-"), p.getEpisodeId());
        assertEquals(p.getEpisodeId(), p.getGroupId(), "ungrouped");
        assertEquals(1, p.getGroupSize());
        assertEquals(1, p.getAttempt());
        assertEquals(2, p.getMaxAttempts(), "attempts 2 and 3 of 3 were left");
        assertEquals("q-9", p.getQuestionId());
        assertEquals("2+3=5\n", p.getResponsePrefix());
        assertEquals(List.of(Role.SYSTEM, Role.USER, Role.ASSISTANT, Role.SYSTEM),
                p.getMessages().stream().map(m -> m.getRole()).toList());
        assertEquals(SYSTEM, p.getMessages().get(0).getContent(), "the system prompt keeps the original N");
        assertEquals("\\boxed{4}", p.getMessages().get(2).getContent());
        assertEquals(ProtocolTemplate.COMPACT, p.getTemplate());
        assertEquals(0.6f, p.getTemperature());
        assertNull(p.getPolicyVersion(), "whatever version the actor serves");
        assertEquals("policy-a", p.getPolicyName());
        assertEquals("run-9", p.getRunId());
    }

    @Test
    void shouldNameTheEpisodeByOriginUpdateAndPositionSoARestartResendsTheSameId() {
        String id = ReplayPublisher.toPrompt(state(), 12, 0, "policy-a", 1f).getEpisodeId();
        assertEquals(id, ReplayPublisher.toPrompt(state(), 12, 0, "policy-a", 1f).getEpisodeId());
        assertNotEquals(id, ReplayPublisher.toPrompt(state(), 12, 1, "policy-a", 1f).getEpisodeId());
        assertNotEquals(id, ReplayPublisher.toPrompt(state(), 13, 0, "policy-a", 1f).getEpisodeId());
    }

    @Test
    void shouldTellThePaperTemplateFromTheCompactOne() {
        ReplayState s = state();
        List<ChatMessage> paper = List.of(new ChatMessage(ChatRole.SYSTEM,
                EpisodeProtocol.systemPrompt(ProtocolTemplate.PAPER, 3)), new ChatMessage(ChatRole.USER, "x"));
        ReplayState paperState = new ReplayState(s.questionId(), s.origin(), paper, s.responsePrefix(),
                s.criticValue(), s.reason(), s.createdAtStep(), 0);
        assertEquals(ProtocolTemplate.PAPER, ReplayPublisher.toPrompt(paperState, 1, 0, "p", 1f).getTemplate());
    }
}
