package io.rollstream.grader.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.tasks.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every ground truth of the evaluation data sets must grade Correct against itself in a box, and a
 * clearly different answer must grade Wrong. The data sets are the ones bundled with the tasks module.
 */
class DatasetSelfGradeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static AnswerChecker checker;

    @BeforeAll
    static void setUp() {
        checker = new AnswerChecker(CheckerConfig.defaults());
    }

    @AfterAll
    static void tearDown() {
        checker.close();
    }

    private static List<String> answers(String file, String field, UnaryOperator<String> extract) throws IOException {
        List<String> out = new ArrayList<>();
        String text;
        try (InputStream in = DataSource.bundled().open(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (file.endsWith(".json")) {
            out.add(extract.apply(JSON.readTree(text).get(field).asText()));
            return out;
        }
        for (String line : text.split("\n")) {
            JsonNode node = JSON.readTree(line);
            JsonNode value = node.get(field);
            if (value == null) {
                fail(file + ": a record has no '" + field + "' field: " + line.substring(0, Math.min(120, line.length())));
            }
            out.add(extract.apply(value.asText()));
        }
        return out;
    }

    private static String gsm8k(String field) {
        return GroundTruth.fromGsm8k(field).orElseThrow(() -> new AssertionError("no #### in " + field));
    }

    /** Grades each answer against itself and, for every {@code wrongEvery}-th one, a different answer. */
    private static void selfGrade(String name, List<String> truths, UnaryOperator<String> rewrite, int wrongEvery) {
        List<String> failures = new ArrayList<>();
        int correct = 0;
        long nanos = 0;
        for (String truth : truths) {
            String response = "Let us reason step by step.\nThe final answer is $\\boxed{" + rewrite.apply(truth) + "}$.";
            long start = System.nanoTime();
            Grade verdict = checker.grade(response, truth);
            nanos += System.nanoTime() - start;
            if (verdict instanceof Grade.Correct) {
                correct++;
            } else {
                failures.add(truth + " -> " + verdict);
            }
        }
        List<String> notWrong = new ArrayList<>();
        int sampled = 0;
        long alteredNanos = 0;
        for (int i = 0; i < truths.size(); i += wrongEvery) {
            String truth = truths.get(i);
            // Adding one changes every numeric answer and breaks every structured or textual one.
            long start = System.nanoTime();
            Grade verdict = checker.grade("\\boxed{(" + truth + ")+1}", truth);
            alteredNanos += System.nanoTime() - start;
            sampled++;
            if (!(verdict instanceof Grade.Wrong)) {
                notWrong.add("(" + truth + ")+1 -> " + verdict);
            }
        }
        System.out.printf(Locale.ROOT, "self-grade %-10s %4d/%4d correct (%.2f%%), mean %.3f ms per answer;"
                        + " %d/%d altered answers wrong, mean %.3f ms%n", name, correct, truths.size(),
                100.0 * correct / truths.size(), nanos / 1e6 / truths.size(), sampled - notWrong.size(), sampled,
                alteredNanos / 1e6 / sampled);
        failures.forEach(f -> System.out.println("  self-grade failure: " + f));
        notWrong.forEach(f -> System.out.println("  altered answer not wrong: " + f));
        assertEquals(List.of(), failures, name + ": ground truths that do not grade Correct against themselves");
        assertEquals(List.of(), notWrong, name + ": altered answers that do not grade Wrong");
    }

    @Test
    void shouldGradeEveryGsm8kTestAnswerCorrectAgainstItself() throws IOException {
        List<String> truths = answers("gsm8k/test.jsonl", "answer", DatasetSelfGradeTest::gsm8k);
        assertEquals(1319, truths.size());
        selfGrade("gsm8k", truths, UnaryOperator.identity(), 10);
        // Models rarely write thousands separators: the bare digits must grade the same.
        selfGrade("gsm8k-bare", truths, t -> t.replace(",", ""), 10);
    }

    @Test
    void shouldGradeEveryMath500AnswerCorrectAgainstItself() throws IOException {
        List<String> truths = answers("math/test500.jsonl", "answer", UnaryOperator.identity());
        assertEquals(500, truths.size());
        selfGrade("math500", truths, UnaryOperator.identity(), 1);
    }

    @Test
    void shouldGradeEveryAime24AnswerCorrectAgainstItself() throws IOException {
        List<String> truths = answers("aime24/test.jsonl", "answer", UnaryOperator.identity());
        assertEquals(30, truths.size());
        selfGrade("aime24", truths, UnaryOperator.identity(), 1);
        // AIME answers keep leading zeros ("025"); a model writes 25.
        selfGrade("aime24-int", truths, t -> t.replaceFirst("^0+(?=\\d)", ""), 1);
    }

    @Test
    void shouldGradeEveryAmc23AnswerCorrectAgainstItself() throws IOException {
        List<String> truths = answers("amc23/test.jsonl", "answer", UnaryOperator.identity());
        assertEquals(40, truths.size());
        assertTrue(truths.stream().allMatch(t -> t.endsWith(".0")), "AMC 2023 answers are JSON numbers like 27.0");
        selfGrade("amc23", truths, UnaryOperator.identity(), 1);
        selfGrade("amc23-int", truths, t -> t.replace(".0", ""), 1);
    }

    @Test
    void shouldGradeTheOneShotExampleCorrectAgainstItself() throws IOException {
        List<String> truths = answers("one_shot/pi1.json", "answer", UnaryOperator.identity());
        assertEquals(List.of("12.8"), truths);
        selfGrade("pi1", truths, UnaryOperator.identity(), 1);
        selfGrade("pi1-frac", truths, t -> "\\frac{64}{5}", 1);
    }
}
