package io.rollstream.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFilesTest {

    private static final DataSource DATA = DataSource.bundled();

    @Test
    void shouldReadEveryDataFileIntoProblemsWithAnswers() {
        Map<String, Integer> expectedCounts = Map.of("gsm8k/train", 7473, "gsm8k/test", 1319, "math500/test", 500,
                "aime24/test", 30, "amc23/test", 40, "one-shot/train", 1);
        int files = 0;
        for (Dataset dataset : Dataset.values()) {
            if (!dataset.isFileBacked()) {
                continue;
            }
            for (String split : dataset.splits()) {
                List<TaskItem> items = DatasetFiles.load(dataset, split, DATA);
                assertEquals(expectedCounts.get(dataset.id() + "/" + split), items.size(), dataset + "/" + split);
                Set<String> ids = new HashSet<>();
                for (TaskItem item : items) {
                    assertFalse(item.problem().isBlank(), item.questionId());
                    assertFalse(item.answer().isBlank(), item.questionId());
                    assertEquals(dataset.id(), item.dataset());
                    assertEquals(split, item.split());
                    assertTrue(ids.add(item.questionId()), "duplicate id " + item.questionId());
                }
                files++;
            }
        }
        assertEquals(expectedCounts.size(), files);
    }

    @Test
    void shouldTakeGsm8kAnswerAfterTheMarkerWithoutCommasAndBoxItInTheSolution() {
        List<TaskItem> test = DatasetFiles.load(Dataset.GSM8K, "test", DATA);
        TaskItem first = test.get(0);
        assertEquals("18", first.answer());
        assertEquals("gsm8k/test/0", first.questionId());
        assertTrue(first.problem().startsWith("Janet"), first.problem());
        assertTrue(first.solution().endsWith("\\boxed{18}"), first.solution());
        assertFalse(first.solution().contains("<<"), first.solution());
        for (TaskItem item : DatasetFiles.load(Dataset.GSM8K, "train", DATA)) {
            assertTrue(item.answer().matches("-?\\d+(\\.\\d+)?"), item.questionId() + ": " + item.answer());
        }
    }

    @Test
    void shouldNormaliseNumericAnswersOfAimeAndAmc() {
        List<TaskItem> aime = DatasetFiles.load(Dataset.AIME24, "test", DATA);
        TaskItem leadingZero = aime.stream().filter(i -> i.questionId().equals("aime24/67")).findFirst().orElseThrow();
        assertEquals("25", leadingZero.answer());
        assertTrue(aime.stream().allMatch(i -> i.solution() != null));
        List<TaskItem> amc = DatasetFiles.load(Dataset.AMC23, "test", DATA);
        assertEquals("27", amc.get(0).answer());
        assertTrue(amc.stream().anyMatch(i -> i.answer().equals("-1")));
        assertNull(amc.get(0).solution());
    }

    @Test
    void shouldReadMathAndOneShotWithTheirOwnIds() {
        TaskItem math = DatasetFiles.load(Dataset.MATH500, "test", DATA).get(0);
        assertEquals("math500/test/precalculus/807.json", math.questionId());
        assertEquals("\\left( 3, \\frac{\\pi}{2} \\right)", math.answer());
        TaskItem pi1 = DatasetFiles.load(Dataset.ONE_SHOT, "train", DATA).get(0);
        assertEquals("12.8", pi1.answer());
        assertEquals("one-shot/pi1", pi1.questionId());
        assertFalse(pi1.problem().contains("Let's think step by step"), pi1.problem());
    }

    @Test
    void shouldRejectASplitTheDataSetDoesNotHave() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetFiles.load(Dataset.MATH500, "train", DATA));
        assertTrue(e.getMessage().startsWith("split: math500 has test"), e.getMessage());
    }

    @Test
    void shouldLimitFileDataSetsToTheirFirstQuestions() {
        List<TaskItem> three = new TaskSelection(Dataset.GSM8K, "test", 3, 0, SyntheticDifficulty.EASY)
                .load(DATA);
        assertEquals(List.of("gsm8k/test/0", "gsm8k/test/1", "gsm8k/test/2"),
                three.stream().map(TaskItem::questionId).toList());
    }

    @Test
    void shouldReadADirectoryOfTheSameLayoutInsteadOfTheBundledCopies(@TempDir Path root) throws Exception {
        Path gsm8k = Files.createDirectories(root.resolve("gsm8k"));
        Files.writeString(gsm8k.resolve("test.jsonl"),
                "{\"question\": \"One plus one?\", \"answer\": \"1+1=2\\n#### 2\"}\n");
        List<TaskItem> items = DatasetFiles.load(Dataset.GSM8K, "test", DataSource.of(root));
        assertEquals(1, items.size());
        assertEquals("2", items.get(0).answer());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> DataSource.of(root.resolve("nowhere")));
        assertTrue(missing.getMessage().startsWith("data-dir: "), missing.getMessage());
        UncheckedIOException absent = assertThrows(UncheckedIOException.class,
                () -> DatasetFiles.load(Dataset.AIME24, "test", DataSource.of(root)));
        assertTrue(absent.getMessage().contains(root.resolve("aime24").resolve("test.jsonl").toString()),
                absent.getMessage());
    }

    @Test
    void shouldParseDataSetNamesAndListTheOptionsOtherwise() {
        assertEquals(Dataset.ONE_SHOT, Dataset.parse("one-shot"));
        assertEquals(Dataset.MATH500, Dataset.parse("MATH500"));
        assertEquals(Dataset.SYNTHETIC, Dataset.parse("synthetic"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.parse("mmlu"));
        assertEquals("dataset: expected one of synthetic|gsm8k|math500|aime24|amc23|one-shot, got 'mmlu'",
                e.getMessage());
    }
}
