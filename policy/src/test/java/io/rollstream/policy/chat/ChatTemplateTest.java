package io.rollstream.policy.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.policy.checkpoint.CheckpointException;
import io.rollstream.policy.tokenizer.ChatMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatTemplateTest {

    private static final String SMOLLM2 = "{% for message in messages %}{% if loop.first and messages[0]['role'] "
            + "!= 'system' %}{{ '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by "
            + "Hugging Face<|im_end|>\n' }}{% endif %}{{'<|im_start|>' + message['role'] + '\n' + "
            + "message['content'] + '<|im_end|>' + '\n'}}{% endfor %}";
    private static final String QWEN = "{%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\\n' + "
            + "messages[0]['content'] + '<|im_end|>\\n' }}{%- else %}{{- '<|im_start|>system\\nYou are Qwen, created "
            + "by Alibaba Cloud. You are a helpful assistant.<|im_end|>\\n' }}{%- endif %}";
    private static final String SYSTEM = "Please reason step by step, and put your final answer within \\boxed{}. "
            + "You have 2 attempts to answer the questions, and you should provide the full reasoning steps in each "
            + "attempt.";

    @Test
    void shouldRenderThePapersFirstPromptExactlyAsItsCode() throws Exception {
        ChatTemplate chat = ChatTemplate.fromJinja(Path.of("q"), "chat_template", QWEN);
        String prompt = chat.renderPrompt(List.of(ChatMessage.system(SYSTEM), ChatMessage.user("1+1?")), null);
        assertEquals("<|im_start|>system\n" + SYSTEM + "<|im_end|>\n<|im_start|>user\n1+1?<|im_end|>\n"
                + "<|im_start|>assistant\n", prompt);
    }

    @Test
    void shouldRenderFeedbackAsTheSystemTurnThePapersCodeAppends() throws Exception {
        ChatTemplate chat = ChatTemplate.fromJinja(Path.of("q"), "chat_template", QWEN);
        String feedback = "Your answer is incorrect. You have 1 attempts left. Try an alternative.";
        List<ChatMessage> turns = List.of(ChatMessage.system(SYSTEM), ChatMessage.user("1+1?"),
                ChatMessage.assistant("\\boxed{3}"), ChatMessage.system(feedback));
        String first = chat.renderPrompt(turns.subList(0, 2), null);
        // the paper's code: first prompt + attempt text + "<|im_end|>\n<|im_start|>system\n...<|im_start|>assistant\n"
        assertEquals(first + "\\boxed{3}" + chat.renderFeedback(feedback), chat.renderPrompt(turns, null));
        assertEquals("<|im_end|>\n<|im_start|>system\n" + feedback + "<|im_end|>\n<|im_start|>assistant\n",
                chat.renderFeedback(feedback));
    }

    @Test
    void shouldContinueAResponsePrefix() throws Exception {
        ChatTemplate chat = ChatTemplate.fromJinja(Path.of("s"), "tokenizer.chat_template", SMOLLM2);
        String prompt = chat.renderPrompt(List.of(ChatMessage.system("S"), ChatMessage.user("U")), "The answer");
        assertEquals("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\nThe answer",
                prompt);
    }

    @Test
    void shouldInsertTheTemplatesDefaultSystemTurnOnlyWhenThereIsNone() throws Exception {
        ChatTemplate smol = ChatTemplate.fromJinja(Path.of("s"), "tokenizer.chat_template", SMOLLM2);
        assertEquals("You are a helpful AI assistant named SmolLM, trained by Hugging Face", smol.defaultSystemOrNull());
        assertEquals("<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face"
                + "<|im_end|>\n<|im_start|>user\nhi<|im_end|>\n", smol.renderConversation(List.of(ChatMessage.user("hi"))));
        ChatTemplate qwen = ChatTemplate.fromJinja(Path.of("q"), "chat_template", QWEN);
        assertEquals("You are Qwen, created by Alibaba Cloud. You are a helpful assistant.", qwen.defaultSystemOrNull());
    }

    @Test
    void shouldRefuseATemplateThatIsNotChatMlNamingTheKey() {
        CheckpointException e = assertThrows(CheckpointException.class, () -> ChatTemplate.fromJinja(
                Path.of("tokenizer_config.json"), "chat_template", "{{ '<|start_header_id|>' }}"));
        assertEquals("chat_template", e.key());
        assertTrue(e.getMessage().contains("tokenizer_config.json"), e.getMessage());
    }
}
