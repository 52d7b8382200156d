package io.rollstream.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.learner.service.LearnerService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The updates a learner's run directory records in {@code updates.jsonl}: the episodes each update trained on. */
final class LearnerUpdates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LearnerUpdates() {
    }

    /** The episode ids of every complete line, one list per update (a line being written when read is left out). */
    static List<List<String>> read(Path runDir) {
        Path file = runDir.resolve(LearnerService.UPDATES_LOG);
        List<List<String>> updates = new ArrayList<>();
        try {
            if (!Files.exists(file)) {
                return updates;
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return updates;
            }
            for (String line : text.substring(0, end).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode node = JSON.readTree(line);
                    List<String> episodes = new ArrayList<>();
                    node.path("episodes").forEach(e -> episodes.add(e.asText()));
                    updates.add(episodes);
                }
            }
            return updates;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every episode id trained on, in update order, with repeats if an episode was trained twice. */
    static List<String> trained(Path runDir) {
        return read(runDir).stream().flatMap(List::stream).toList();
    }
}
