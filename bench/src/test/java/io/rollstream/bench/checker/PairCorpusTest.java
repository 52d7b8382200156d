package io.rollstream.bench.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.tasks.TaskItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairCorpusTest {

    private static List<TaskItem> items(String dataset, int count) {
        List<TaskItem> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new TaskItem(dataset + "/" + i, "problem " + i, String.valueOf(i + 1), null, dataset, "test"));
        }
        return items;
    }

    @Test
    void shouldDrawAtMostTheSampleSizeOfEachDataSetInTheirOrder() {
        List<TaskItem> all = new ArrayList<>(items("gsm8k", 50));
        all.addAll(items("aime24", 3));
        List<TaskItem> drawn = PairCorpus.sample(all, 10, 7);
        assertEquals(10, drawn.stream().filter(t -> t.dataset().equals("gsm8k")).count());
        assertEquals(3, drawn.stream().filter(t -> t.dataset().equals("aime24")).count());
        List<Integer> positions = drawn.stream().map(all::indexOf).toList();
        assertEquals(positions.stream().sorted().toList(), positions);
    }

    @Test
    void shouldGiveTheSameCorpusForTheSameSeedAndAnotherForAnother() {
        List<TaskItem> all = items("gsm8k", 200);
        assertEquals(PairCorpus.generate(all, 20, 1), PairCorpus.generate(all, 20, 1));
        assertNotEquals(PairCorpus.generate(all, 20, 1), PairCorpus.generate(all, 20, 2));
    }

    @Test
    void shouldWriteEachApplicableRewritingOnceWithUniqueIds() {
        // 41 is an integer: identity, trailing zeros, dollar sign, unit, variable prefix, binomial, off by one,
        // wrong sign, cents; nothing else applies to it.
        List<AnswerPair> pairs = PairCorpus.generate(List.of(new TaskItem("q/1", "p", "41", null, "gsm8k", "test")), 1, 3);
        assertEquals(List.of(Rewriting.IDENTITY, Rewriting.TRAILING_ZEROS, Rewriting.DOLLARS, Rewriting.UNIT,
                Rewriting.ASSIGNMENT, Rewriting.BINOMIAL, Rewriting.OFF_BY_ONE, Rewriting.WRONG_SIGN, Rewriting.CENTS),
                pairs.stream().map(AnswerPair::rewriting).toList());
        assertEquals(pairs.size(), new HashSet<>(pairs.stream().map(AnswerPair::id).toList()).size());
        assertTrue(pairs.stream().allMatch(p -> p.response().contains("\\boxed{")));
    }
}
