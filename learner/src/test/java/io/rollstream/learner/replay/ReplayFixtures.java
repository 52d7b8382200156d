package io.rollstream.learner.replay;

import java.util.List;

/** Small builders shared by the replay tests. */
final class ReplayFixtures {

    static final List<ConversationTurn> CONVERSATION = List.of(
            new ConversationTurn(ConversationTurn.Role.SYSTEM, "Please reason step by step. You have 2 attempts."),
            new ConversationTurn(ConversationTurn.Role.USER, "What is 2 + 3?"));

    static final EpisodeOrigin ORIGIN = new EpisodeOrigin("ep-1", "group-1", 1, 2, 7L);

    private ReplayFixtures() {
    }

    static ReplayState state(String prefix, float value, long createdAtStep) {
        return new ReplayState("q-1", ORIGIN, CONVERSATION, prefix, value, ReplayReason.PROMISING_FAILED,
                createdAtStep, 0);
    }
}
