package io.rollstream.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the JSONL data sets of a {@link DataSource} into {@link TaskItem}s, in file order. Question ids are
 * stable: the data set's own id where it has one (MATH-500 {@code unique_id}, AIME/AMC {@code id}), otherwise
 * the split and the 0-based line index.
 */
public final class DatasetFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GSM8K_ANSWER_MARK = "#### ";
    // GSM8K solutions carry calculator annotations such as <<48/2=24>>; they are tool calls, not reasoning.
    private static final Pattern CALCULATOR_ANNOTATION = Pattern.compile("<<[^>]*>>");

    private DatasetFiles() {
    }

    /** Every question of {@code dataset}'s {@code split} in {@code source}; fails for the synthetic task. */
    public static List<TaskItem> load(Dataset dataset, String split, DataSource source) {
        dataset.requireSplit(split);
        return switch (dataset) {
            case GSM8K -> gsm8k(new DataFile(source, "gsm8k/" + split + ".jsonl"), split);
            case MATH500 -> math500(new DataFile(source, "math/test500.jsonl"), split);
            case AIME24 -> aime24(new DataFile(source, "aime24/test.jsonl"), split);
            case AMC23 -> amc23(new DataFile(source, "amc23/test.jsonl"), split);
            case ONE_SHOT -> List.of(oneShot(new DataFile(source, "one_shot/pi1.json"), split));
            case SYNTHETIC -> throw new IllegalArgumentException("synthetic problems are generated, not read: "
                    + "use SyntheticTask");
        };
    }

    private static List<TaskItem> gsm8k(DataFile file, String split) {
        List<TaskItem> items = new ArrayList<>();
        List<JsonNode> rows = readLines(file);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            String full = text(row, "answer", file, i);
            String answer;
            try {
                answer = ReferenceFormat.GSM8K.reference(full);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
            int mark = full.lastIndexOf(GSM8K_ANSWER_MARK);
            String reasoning = CALCULATOR_ANNOTATION.matcher(full.substring(0, mark)).replaceAll("").trim();
            String solution = reasoning.isEmpty() ? boxed(answer) : reasoning + "\n" + boxed(answer);
            items.add(new TaskItem("gsm8k/" + split + "/" + i, text(row, "question", file, i), answer, solution,
                    Dataset.GSM8K.id(), split));
        }
        return items;
    }

    private static List<TaskItem> math500(DataFile file, String split) {
        List<TaskItem> items = new ArrayList<>();
        List<JsonNode> rows = readLines(file);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            items.add(new TaskItem("math500/" + text(row, "unique_id", file, i), text(row, "problem", file, i),
                    text(row, "answer", file, i), text(row, "solution", file, i), Dataset.MATH500.id(), split));
        }
        return items;
    }

    private static List<TaskItem> aime24(DataFile file, String split) {
        List<TaskItem> items = new ArrayList<>();
        List<JsonNode> rows = readLines(file);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            String answer = ReferenceFormat.AIME.reference(text(row, "answer", file, i));
            items.add(new TaskItem("aime24/" + text(row, "id", file, i), text(row, "problem", file, i), answer,
                    text(row, "solution", file, i), Dataset.AIME24.id(), split));
        }
        return items;
    }

    private static List<TaskItem> amc23(DataFile file, String split) {
        List<TaskItem> items = new ArrayList<>();
        List<JsonNode> rows = readLines(file);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            JsonNode answerNode = row.get("answer");
            if (answerNode == null || !answerNode.isNumber()) {
                throw new IllegalStateException(file + " line " + (i + 1) + ": 'answer' is not a number");
            }
            String answer = ReferenceFormat.AMC.reference(answerNode.decimalValue().toPlainString());
            items.add(new TaskItem("amc23/" + text(row, "id", file, i), text(row, "problem", file, i), answer, null,
                    Dataset.AMC23.id(), split));
        }
        return items;
    }

    private static TaskItem oneShot(DataFile file, String split) {
        try {
            JsonNode row;
            try (InputStream in = file.open()) {
                row = JSON.readTree(in);
            }
            return new TaskItem("one-shot/pi1", text(row, "problem", file, 0), text(row, "answer", file, 0), null,
                    Dataset.ONE_SHOT.id(), split);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String boxed(String answer) {
        return "\\boxed{" + answer + "}";
    }

    private static List<JsonNode> readLines(DataFile file) {
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.open(), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    rows.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new IllegalStateException(file + " line " + number + " is not JSON: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }

    private static String text(JsonNode row, String field, DataFile file, int index) {
        JsonNode node = row.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalStateException(file + " line " + (index + 1) + ": no '" + field + "' field");
        }
        return node.asText();
    }

    /** One file of a data source, named as its source names it in error messages. */
    private record DataFile(DataSource source, String relative) {

        InputStream open() throws IOException {
            return source.open(relative);
        }

        @Override
        public String toString() {
            return source.describe(relative);
        }
    }
}
