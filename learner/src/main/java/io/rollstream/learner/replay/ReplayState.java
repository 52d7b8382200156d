package io.rollstream.learner.replay;

import io.rollstream.policy.tokenizer.ChatMessage;
import java.util.List;
import java.util.Objects;

/**
 * A point to restart generation from: the conversation before an assistant turn plus the part of that turn
 * kept, up to a step boundary. A replay prompt carries {@code conversation} as its messages and
 * {@code responsePrefix} as the text the assistant turn already starts with.
 *
 * @param questionId     the question, so the grader can grade the replayed episode
 * @param origin         the episode the state was cut from
 * @param conversation   turns before the assistant turn being continued, in order
 * @param responsePrefix the kept start of the assistant turn; never empty
 * @param criticValue    critic value of the state (at the last token of the prefix)
 * @param reason         which selection rule admitted it
 * @param createdAtStep  learner step at which it was admitted
 * @param visits         how many times it has been handed out for replay
 */
public record ReplayState(String questionId, EpisodeOrigin origin, List<ChatMessage> conversation,
                          String responsePrefix, float criticValue, ReplayReason reason, long createdAtStep,
                          int visits) {

    public ReplayState {
        Objects.requireNonNull(questionId, "questionId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(reason, "reason");
        conversation = List.copyOf(conversation);
        if (responsePrefix == null || responsePrefix.isEmpty()) {
            throw new IllegalArgumentException("responsePrefix must not be empty: an empty prefix is a fresh prompt");
        }
        if (!Float.isFinite(criticValue)) {
            throw new IllegalArgumentException("criticValue must be finite, got " + criticValue);
        }
        if (createdAtStep < 0 || visits < 0) {
            throw new IllegalArgumentException(
                    "createdAtStep and visits must be >= 0, got " + createdAtStep + ", " + visits);
        }
    }

    /** This state with one more visit. */
    public ReplayState visited() {
        return new ReplayState(questionId, origin, conversation, responsePrefix, criticValue, reason,
                createdAtStep, visits + 1);
    }
}
