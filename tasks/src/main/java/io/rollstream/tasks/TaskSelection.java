package io.rollstream.tasks;

import java.util.List;
import java.util.Objects;

/**
 * Which questions to use: a data set, its split and how many. File data sets give their first {@code limit}
 * questions in file order (0 = all); the synthetic task generates {@code limit} distinct problems from the seed.
 *
 * @param dataset    where the questions come from
 * @param split      one of the data set's splits
 * @param limit      how many questions; 0 means all of a file data set (the synthetic task needs a count)
 * @param seed       seed of the synthetic generator
 * @param difficulty difficulty of the synthetic task; ignored for file data sets
 */
public record TaskSelection(Dataset dataset, String split, int limit, long seed, SyntheticDifficulty difficulty) {

    public TaskSelection {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(difficulty, "difficulty");
        dataset.requireSplit(split);
        if (limit < 0) {
            throw new IllegalArgumentException("limit: must be >= 0 (0 = all), got " + limit);
        }
        if (!dataset.isFileBacked() && limit == 0) {
            throw new IllegalArgumentException("limit: synthetic problems are generated, so give a count >= 1");
        }
    }

    /** The questions; {@code source} is read only for a file data set. */
    public List<TaskItem> load(DataSource source) {
        if (!dataset.isFileBacked()) {
            return new SyntheticTask(difficulty).items(split, limit, seed);
        }
        List<TaskItem> all = DatasetFiles.load(dataset, split, source);
        return limit == 0 || limit >= all.size() ? all : List.copyOf(all.subList(0, limit));
    }
}
