package io.rollstream.learner.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.policy.tokenizer.ChatRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One supervised example: the conversation up to the assistant turn and the text to learn there, read from
 * JSON lines {@code {"messages":[{"role":"system|user|assistant","content":...}],"target":"..."}}.
 *
 * @param messages the conversation, at least one turn
 * @param target   the assistant turn to learn, not blank
 */
public record SftExample(List<ChatMessage> messages, String target) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SftExample {
        messages = List.copyOf(messages);
        if (messages.isEmpty() || target == null || target.isBlank()) {
            throw new IllegalArgumentException("an SFT example needs messages and a non-blank target");
        }
    }

    /** Every non-blank line of a JSON-lines file; a bad line fails naming its number. */
    public static List<SftExample> readJsonLines(Path file) throws IOException {
        List<SftExample> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                out.add(parse(JSON.readTree(lines.get(i))));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static SftExample parse(JsonNode root) {
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode m : root.path("messages")) {
            String role = m.path("role").asText("").toUpperCase(Locale.ROOT);
            messages.add(new ChatMessage(ChatRole.valueOf(role), m.path("content").asText()));
        }
        return new SftExample(messages, root.path("target").asText(null));
    }
}
