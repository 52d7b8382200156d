package io.rollstream.actor.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollstream.actor.support.Prompts;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptRenderingTest {

    private static final CharTokenizer TOKENIZER = CharTokenizer.standard();

    @Test
    void shouldMapEveryTurnToTheSameRoleAndContentInOrder() {
        Prompt prompt = Prompts.fresh("e1", "What is 2+3?").setMessages(List.of(
                new Message(Role.SYSTEM, "sys"),
                new Message(Role.USER, "What is 2+3?"),
                new Message(Role.ASSISTANT, "\\boxed{6}"),
                new Message(Role.SYSTEM, "Your answer is incorrect."))).build();

        assertEquals(List.of(
                ChatMessage.system("sys"),
                ChatMessage.user("What is 2+3?"),
                ChatMessage.assistant("\\boxed{6}"),
                ChatMessage.system("Your answer is incorrect.")), PromptRendering.messages(prompt));
    }

    @Test
    void shouldEndWithTheResponsePrefixSoGenerationContinuesIt() {
        Prompt prompt = Prompts.fresh("e2", "1+1").setResponsePrefix("Step 1: 1+1").build();

        int[] tokens = PromptRendering.tokens(prompt, TOKENIZER);

        assertEquals("<|system|>Put the answer in \\boxed{}.<|end|><|user|>1+1<|end|><|assistant|>Step 1: 1+1",
                TOKENIZER.decode(tokens));
    }

    @Test
    void shouldEndWithAnOpenAssistantTurnWithoutAPrefix() {
        Prompt prompt = Prompts.fresh("e3", "1+1").build();

        int[] tokens = PromptRendering.tokens(prompt, TOKENIZER);

        assertArrayEquals(TOKENIZER.encodePrompt(PromptRendering.messages(prompt), null), tokens);
        assertEquals(CharTokenizer.ASSISTANT, tokens[tokens.length - 1]);
    }
}
