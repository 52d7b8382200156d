package io.rollstream.bench.checker;

import io.rollstream.tasks.TaskItem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The corpus of the checker comparison: every {@link Rewriting} that applies to a ground truth, for a seeded
 * sample of each data set's questions. The same questions and seed give the same corpus.
 */
public final class PairCorpus {

    private PairCorpus() {
    }

    /**
     * Pairs for at most {@code perDataset} questions of {@code items}, drawn with {@code seed}; questions are kept
     * in their data-set order, and within one question the rewritings in their declared order.
     */
    public static List<AnswerPair> generate(List<TaskItem> items, int perDataset, long seed) {
        if (perDataset < 1) {
            throw new IllegalArgumentException("perDataset must be >= 1, got " + perDataset);
        }
        List<AnswerPair> pairs = new ArrayList<>();
        for (TaskItem item : sample(items, perDataset, seed)) {
            for (Rewriting rewriting : Rewriting.values()) {
                Optional<String> answer = rewriting.apply(item.answer());
                answer.ifPresent(a -> pairs.add(new AnswerPair(item.questionId() + "#" + rewriting.label(),
                        item.dataset(), rewriting, "The final answer is $\\boxed{" + a + "}$.", item.answer())));
            }
        }
        return pairs;
    }

    /** Up to {@code perDataset} items of each data set, chosen by a shuffle with {@code seed}, in their order. */
    static List<TaskItem> sample(List<TaskItem> items, int perDataset, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        Map<String, Integer> taken = new HashMap<>();
        boolean[] keep = new boolean[items.size()];
        for (int i : order) {
            String dataset = items.get(i).dataset();
            if (taken.merge(dataset, 1, Integer::sum) <= perDataset) {
                keep[i] = true;
            }
        }
        List<TaskItem> kept = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (keep[i]) {
                kept.add(items.get(i));
            }
        }
        return kept;
    }
}
