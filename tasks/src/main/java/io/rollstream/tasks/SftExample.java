package io.rollstream.tasks;

import io.rollstream.schemas.avro.Message;
import java.util.List;
import java.util.Objects;

/**
 * One supervised warm-start example: the conversation up to the assistant turn, and the text the model should
 * write there.
 *
 * @param messages the conversation: system prompt, problem, and for retry examples a wrong attempt and feedback
 * @param target   the assistant turn to learn, a worked solution ending in {@code \boxed{answer}}
 */
public record SftExample(List<Message> messages, String target) {

    public SftExample {
        messages = List.copyOf(messages);
        Objects.requireNonNull(target, "target");
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("an SFT example needs at least one message");
        }
        if (target.isBlank()) {
            throw new IllegalArgumentException("an SFT example needs a non-blank target");
        }
    }
}
