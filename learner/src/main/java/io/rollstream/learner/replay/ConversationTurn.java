package io.rollstream.learner.replay;

import java.util.Objects;

/**
 * One turn of the conversation a replay state restarts from, mirroring the Avro {@code Message} so the
 * buffer can be checkpointed as plain JSON without Avro types.
 *
 * @param role    who speaks
 * @param content the text, without role markers
 */
public record ConversationTurn(Role role, String content) {

    /** Speaker of a turn; the names match the Avro {@code Role} symbols. */
    public enum Role { SYSTEM, USER, ASSISTANT }

    public ConversationTurn {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}
