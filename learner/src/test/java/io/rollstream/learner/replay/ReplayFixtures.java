package io.rollstream.learner.replay;

import io.rollstream.policy.tokenizer.ChatRole;
import io.rollstream.policy.tokenizer.ChatMessage;
import java.util.List;

/** Small builders shared by the replay tests. */
final class ReplayFixtures {

    static final List<ChatMessage> CONVERSATION = List.of(
            new ChatMessage(ChatRole.SYSTEM, "Please reason step by step. You have 2 attempts."),
            new ChatMessage(ChatRole.USER, "What is 2 + 3?"));

    static final EpisodeOrigin ORIGIN = new EpisodeOrigin("ep-1", "group-1", 1, 2, 7L, "run-1");

    private ReplayFixtures() {
    }

    static ReplayState state(String prefix, float value, long createdAtStep) {
        return new ReplayState("q-1", ORIGIN, CONVERSATION, prefix, value, ReplayReason.PROMISING_FAILED,
                createdAtStep, 0);
    }
}
