package io.rollstream.grader.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;

/**
 * Batch grading of JSON lines {@code {"response": ..., "answer": ...}}: writes exactly one line
 * {@code {"verdict", "extracted", "reason", "millis"}} per input line, in order, so outputs can be
 * joined back to inputs by line number; a line that cannot be read is UNSCORABLE with the parse error.
 */
public final class JsonlGrader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AnswerChecker checker;

    public JsonlGrader(AnswerChecker checker) {
        this.checker = Objects.requireNonNull(checker, "checker");
    }

    /** Grades every line of {@code in} onto {@code out}; I/O failures propagate as {@link UncheckedIOException}. */
    public GradeSummary run(Reader in, Writer out) {
        long lines = 0;
        long correct = 0;
        long wrong = 0;
        long unformatted = 0;
        long unscorable = 0;
        long totalMillis = 0;
        try {
            BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
            String line;
            while ((line = reader.readLine()) != null) {
                long start = System.nanoTime();
                Grade verdict = gradeLine(line);
                long millis = (System.nanoTime() - start) / 1_000_000;
                out.write(render(verdict, millis));
                out.write('\n');
                lines++;
                totalMillis += millis;
                if (verdict instanceof Grade.Correct) {
                    correct++;
                } else if (verdict instanceof Grade.Wrong) {
                    wrong++;
                } else if (verdict instanceof Grade.Unformatted) {
                    unformatted++;
                } else {
                    unscorable++;
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GradeSummary(lines, correct, wrong, unformatted, unscorable, totalMillis);
    }

    private Grade gradeLine(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return new Grade.Unscorable("malformed JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return new Grade.Unscorable("malformed input: expected a JSON object");
        }
        JsonNode response = node.get("response");
        JsonNode answer = node.get("answer");
        if (response == null || !response.isTextual()) {
            return new Grade.Unscorable("malformed input: \"response\" must be a string");
        }
        // Some data sets store the answer as a JSON number (AMC 2023: 27.0); its text is the answer.
        if (answer == null || !(answer.isTextual() || answer.isNumber())) {
            return new Grade.Unscorable("malformed input: \"answer\" must be a string or a number");
        }
        return checker.grade(response.asText(), answer.asText());
    }

    private static String render(Grade verdict, long millis) throws JsonProcessingException {
        ObjectNode line = JSON.createObjectNode();
        line.put("verdict", verdict.name());
        line.put("extracted", verdict.extracted().orElse(null));
        line.put("reason", verdict instanceof Grade.Unscorable u ? u.reason() : null);
        line.put("millis", millis);
        return JSON.writeValueAsString(line);
    }
}
