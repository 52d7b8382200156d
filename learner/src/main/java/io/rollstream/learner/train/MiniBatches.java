package io.rollstream.learner.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Splits a batch into minibatches of at most {@code size} sequences, never mixing sampling temperatures: one
 * forward pass recomputes log-probs at one temperature. Order within a temperature is shuffled by the given
 * random source (or kept, when it is null).
 */
public final class MiniBatches {

    private MiniBatches() {
    }

    /** Index lists into {@code sequences}. */
    public static List<int[]> split(List<TrainingSequence> sequences, int size, Random randomOrNull) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, sequences.size()).boxed().toList());
        if (randomOrNull != null) {
            Collections.shuffle(order, randomOrNull);
        }
        // A stable sort keeps the shuffled order inside each temperature.
        order.sort(Comparator.comparingDouble(i -> sequences.get(i).temperature()));
        List<int[]> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        for (int index : order) {
            if (!current.isEmpty() && (current.size() == size
                    || sequences.get(current.get(0)).temperature() != sequences.get(index).temperature())) {
                batches.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
            }
            current.add(index);
        }
        if (!current.isEmpty()) {
            batches.add(current.stream().mapToInt(Integer::intValue).toArray());
        }
        return batches;
    }
}
