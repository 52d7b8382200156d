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
import java.util.function.UnaryOperator;

/**
 * Batch grading of JSON lines {@code {"response": ..., "answer": ...}}: writes exactly one line
 * {@code {"verdict", "extracted", "reason", "millis"}} per input line, in order, so outputs can be
 * joined back to inputs by line number; a line that cannot be read is UNSCORABLE with the parse error. The stored
 * answer can first be turned into the reference to compare against (a data set's format: GSM8K's text after
 * {@code ####}, say); a stored answer not in that format is UNSCORABLE with the reason.
 */
public final class JsonlGrader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AnswerChecker checker;
    private final UnaryOperator<String> reference;

    /** Grades against the stored answer as it is. */
    public JsonlGrader(AnswerChecker checker) {
        this(checker, UnaryOperator.identity());
    }

    /**
     * @param reference the answer to grade against, from the stored one; throws {@link IllegalArgumentException}
     *                  when the stored answer is not in its format
     */
    public JsonlGrader(AnswerChecker checker, UnaryOperator<String> reference) {
        this.checker = Objects.requireNonNull(checker, "checker");
        this.reference = Objects.requireNonNull(reference, "reference");
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
        String against;
        try {
            against = reference.apply(answer.asText());
        } catch (IllegalArgumentException e) {
            return new Grade.Unscorable("reference answer: " + e.getMessage());
        }
        return checker.grade(response.asText(), against);
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
