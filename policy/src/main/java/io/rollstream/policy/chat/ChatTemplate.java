package io.rollstream.policy.chat;

import io.rollstream.policy.checkpoint.CheckpointException;
import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.policy.tokenizer.ChatRole;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders conversations the way a checkpoint's chat template does, for the ChatML family of templates (Qwen2,
 * SmolLM2): each turn is {@code <|im_start|>role\ncontent<|im_end|>\n}, and a prompt ends with
 * {@code <|im_start|>assistant\n} plus an optional response prefix for the model to continue. A template whose
 * conversation does not start with a system turn inserts its own default system turn; the multi-attempt
 * paper's prompts always start with one. Feedback after a wrong attempt is a system turn, as the paper's code
 * writes it: {@code ...attempt<|im_end|>\n<|im_start|>system\nfeedback<|im_end|>\n<|im_start|>assistant\n}.
 */
public final class ChatTemplate {

    /** Opens a turn. */
    public static final String IM_START = "<|im_start|>";
    /** Closes a turn; the model's stop token under this template. */
    public static final String IM_END = "<|im_end|>";

    private static final Pattern DEFAULT_SYSTEM = Pattern.compile(
            Pattern.quote(IM_START) + "system(?:\\n|\\\\n)(.*?)" + Pattern.quote(IM_END), Pattern.DOTALL);

    private final String defaultSystemOrNull;

    private ChatTemplate(String defaultSystemOrNull) {
        this.defaultSystemOrNull = defaultSystemOrNull;
    }

    /**
     * Recognises the Jinja {@code template} read from {@code key} of {@code file}; anything but a ChatML template
     * is refused naming the key.
     */
    public static ChatTemplate fromJinja(Path file, String key, String template) throws CheckpointException {
        if (template == null || template.isBlank()) {
            throw new CheckpointException(file, key, "the checkpoint has no chat template");
        }
        if (!template.contains(IM_START) || !template.contains(IM_END)) {
            throw new CheckpointException(file, key, "chat template is not ChatML (<|im_start|>role ... <|im_end|>);"
                    + " no other template family is implemented");
        }
        // The default is the system turn written as a literal; the one built from messages[0] is an expression.
        Matcher m = DEFAULT_SYSTEM.matcher(template);
        while (m.find()) {
            String content = m.group(1);
            if (!content.contains("'") && !content.contains("\"") && !content.contains("{")) {
                return new ChatTemplate(content.replace("\\n", "\n"));
            }
        }
        return new ChatTemplate(null);
    }

    /** A plain ChatML template with no default system turn. */
    public static ChatTemplate chatMl() {
        return new ChatTemplate(null);
    }

    /** The system turn the template inserts when a conversation has none, or null. */
    public String defaultSystemOrNull() {
        return defaultSystemOrNull;
    }

    /** The whole conversation followed by the assistant's opening and {@code responsePrefixOrNull}. */
    public String renderPrompt(List<ChatMessage> messages, String responsePrefixOrNull) {
        StringBuilder out = new StringBuilder(renderConversation(messages));
        out.append(IM_START).append("assistant\n");
        if (responsePrefixOrNull != null) {
            out.append(responsePrefixOrNull);
        }
        return out.toString();
    }

    /** Every turn, closed, with no generation prompt. */
    public String renderConversation(List<ChatMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        StringBuilder out = new StringBuilder();
        if (defaultSystemOrNull != null && (messages.isEmpty() || messages.get(0).role() != ChatRole.SYSTEM)) {
            out.append(turn("system", defaultSystemOrNull));
        }
        for (ChatMessage message : messages) {
            out.append(turn(message.role().name().toLowerCase(Locale.ROOT), message.content()));
        }
        return out.toString();
    }

    /**
     * What follows a wrong attempt's text (without its own end marker) to hand the model its next attempt: the
     * closing marker, the feedback as a system turn and the next assistant opening.
     */
    public String renderFeedback(String feedback) {
        return IM_END + "\n" + turn("system", feedback) + IM_START + "assistant\n";
    }

    private static String turn(String role, String content) {
        return IM_START + role + "\n" + content + IM_END + "\n";
    }
}
