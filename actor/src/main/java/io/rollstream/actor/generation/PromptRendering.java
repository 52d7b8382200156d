package io.rollstream.actor.generation;

import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.policy.tokenizer.ChatRole;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.Role;
import java.util.List;

/** Turns a {@link Prompt} record into the conversation and token ids the policy continues. */
public final class PromptRendering {

    private PromptRendering() {
    }

    /** The prompt's turns, in order, as tokenizer messages. */
    public static List<ChatMessage> messages(Prompt prompt) {
        return prompt.getMessages().stream().map(PromptRendering::message).toList();
    }

    /** One turn; the Avro role and the tokenizer role are the same closed set. */
    public static ChatMessage message(Message message) {
        return new ChatMessage(role(message.getRole()), message.getContent());
    }

    /**
     * Token ids of the conversation, the assistant marker and the response prefix (if any), so generation
     * continues the prefix rather than starting a fresh turn.
     */
    public static int[] tokens(Prompt prompt, CharTokenizer tokenizer) {
        return tokenizer.encodePrompt(messages(prompt), prompt.getResponsePrefix());
    }

    static ChatRole role(Role role) {
        return switch (role) {
            case SYSTEM -> ChatRole.SYSTEM;
            case USER -> ChatRole.USER;
            case ASSISTANT -> ChatRole.ASSISTANT;
        };
    }
}
