package io.rollstream.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How 1-shot RLVR picks its one example (Wang et al. 2025, the "historical variance score"): a short GRPO pre-run
 * trains on a pool of candidates, each candidate's training accuracy is taken every time it was sampled (one group
 * of G rollouts), and the candidate whose accuracies vary the most is chosen. Pure functions.
 */
final class OneShotSelection {

    /**
     * One rollout of the pre-run.
     *
     * @param questionId   the candidate it answered
     * @param groupId      its group (the G rollouts of one sampling of the candidate)
     * @param openedAtMillis when it was opened; orders the groups
     * @param solved       whether it was correct
     */
    record Rollout(String questionId, String groupId, long openedAtMillis, boolean solved) {
    }

    /**
     * A candidate with its accuracy history and score.
     *
     * @param questionId the candidate
     * @param poolIndex  its position in the pool
     * @param history    accuracy of each of its groups, in the order they were opened
     * @param variance   population variance of the history (0 for fewer than two groups)
     */
    record Candidate(String questionId, int poolIndex, double[] history, double variance) {
    }

    private OneShotSelection() {
    }

    /** Population variance (divided by n, as numpy's default); 0 for fewer than two values. */
    static double variance(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return sum / values.length;
    }

    /**
     * Every pool member's history from the pre-run's rollouts (rollouts of other questions are ignored), in pool
     * order; a candidate never sampled has an empty history.
     */
    static List<Candidate> candidates(List<String> pool, List<Rollout> rollouts) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            String question = pool.get(i);
            Map<String, long[]> groups = new LinkedHashMap<>(); // group -> {first opened, rollouts, solved}
            for (Rollout r : rollouts) {
                if (r.questionId().equals(question)) {
                    long[] g = groups.computeIfAbsent(r.groupId(), k -> new long[] {Long.MAX_VALUE, 0, 0});
                    g[0] = Math.min(g[0], r.openedAtMillis());
                    g[1]++;
                    g[2] += r.solved() ? 1 : 0;
                }
            }
            double[] history = groups.values().stream().sorted(Comparator.comparingLong(g -> g[0]))
                    .mapToDouble(g -> (double) g[2] / g[1]).toArray();
            out.add(new Candidate(question, i, history, variance(history)));
        }
        return out;
    }

    /** The candidate of the largest variance; ties go to the earlier in the pool. */
    static Candidate choose(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidates to choose from");
        }
        Candidate best = candidates.get(0);
        for (Candidate c : candidates) {
            if (c.variance() > best.variance()) {
                best = c;
            }
        }
        return best;
    }

    /** The first index whose value is at least {@code threshold}, or -1 when none is. */
    static int firstAtLeast(double[] values, double threshold) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= threshold) {
                return i;
            }
        }
        return -1;
    }
}
