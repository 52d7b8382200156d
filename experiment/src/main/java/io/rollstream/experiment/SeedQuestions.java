package io.rollstream.experiment;

import io.rollstream.tasks.DataSource;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import io.rollstream.tasks.TaskItem;
import io.rollstream.tasks.TaskSelection;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * One seed's questions in an experiment: one draw of training questions (the warm start's first, then the rest's,
 * so the two never overlap) and the held-out test questions.
 *
 * @param train the training draw, seeded with the seed
 * @param test  the held-out questions, seeded with the seed + 1
 */
public record SeedQuestions(List<TaskItem> train, List<TaskItem> test) {

    public SeedQuestions {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /** Generates {@code trainCount} training and {@code testCount} test problems of {@code difficulty}. */
    static SeedQuestions draw(SyntheticDifficulty difficulty, int trainCount, int testCount, long seed) {
        return new SeedQuestions(
                new TaskSelection(Dataset.SYNTHETIC, "train", trainCount, seed, difficulty).load(DataSource.bundled()),
                new TaskSelection(Dataset.SYNTHETIC, "test", testCount, seed + 1, difficulty)
                        .load(DataSource.bundled()));
    }

    /** The questions of the warm start: the training draw's first {@code count}. */
    List<TaskItem> warmStart(int count) {
        return train.subList(0, count);
    }

    /** The training questions after the warm start's {@code count}. */
    List<TaskItem> afterWarmStart(int count) {
        return train.subList(count, train.size());
    }

    /** How many questions every seed's draw holds together, keyed by data set and split. */
    public static Map<String, Integer> counts(List<Long> seeds, LongFunction<SeedQuestions> draw) {
        int train = 0;
        int test = 0;
        for (long seed : seeds) {
            SeedQuestions questions = draw.apply(seed);
            train += questions.train().size();
            test += questions.test().size();
        }
        String dataset = Dataset.SYNTHETIC.id();
        return Map.of(dataset + "/train", train, dataset + "/test", test);
    }
}
