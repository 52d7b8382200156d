package io.rollstream.eval;

import io.rollstream.schemas.avro.FinishReason;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.avro.Verdict;
import io.rollstream.tasks.TaskItem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every episode of one evaluation: for each sample s, each attempt count N evaluated (usually 1..K) and each
 * question i, the trajectory of the episode with N attempts, or null when it never closed. Per-question views are what a bootstrap over questions
 * resamples; an episode that did not close, or closed unscorable, counts as not solved in them.
 *
 * @param items         the questions, in order
 * @param samples       episodes per question and k
 * @param attemptCounts the attempt counts N evaluated, in order
 * @param episodes      the trajectories, sample-major, then attempt count, then question
 * @param pinnedVersion the version that had to answer, or null
 */
public record EvalEpisodes(List<TaskItem> items, int samples, List<Integer> attemptCounts,
                           List<Trajectory> episodes, Long pinnedVersion) {

    public EvalEpisodes {
        items = List.copyOf(items);
        attemptCounts = List.copyOf(attemptCounts);
        episodes = new ArrayList<>(episodes); // nulls allowed: episodes that never closed
        if (episodes.size() != samples * attemptCounts.size() * items.size()) {
            throw new IllegalArgumentException(episodes.size() + " episodes for " + samples + " samples x "
                    + attemptCounts.size() + " attempt counts x " + items.size() + " questions");
        }
    }

    /** The trajectory of question {@code item}'s episode with N = {@code k} in sample {@code sample}, or null. */
    public Trajectory episode(int sample, int k, int item) {
        Objects.checkIndex(sample, samples);
        int run = attemptCounts.indexOf(k);
        if (run < 0) {
            throw new IllegalArgumentException("no episodes with N = " + k + " were evaluated; only " + attemptCounts);
        }
        Objects.checkIndex(item, items.size());
        return episodes.get((sample * attemptCounts.size() + run) * items.size() + item);
    }

    /** Accuracy@k for every attempt count evaluated, over every sample, with the episodes that were not graded. */
    public List<AccuracyAtK> accuracy() {
        List<AccuracyAtK> out = new ArrayList<>();
        for (int k : attemptCounts) {
            List<Trajectory> closed = new ArrayList<>();
            for (int s = 0; s < samples; s++) {
                for (int i = 0; i < items.size(); i++) {
                    Trajectory t = episode(s, k, i);
                    if (t != null) {
                        closed.add(t);
                    }
                }
            }
            out.add(AccuracyAtK.of(k, samples * items.size(), closed, pinnedVersion));
        }
        return out;
    }

    /** Per question: the share of its samples whose N = k episode was solved. */
    public double[] solvedWithAttempts(int k) {
        double[] out = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            int solved = 0;
            for (int s = 0; s < samples; s++) {
                Trajectory t = episode(s, k, i);
                solved += t != null && t.getOutcome() == Outcome.SOLVED ? 1 : 0;
            }
            out[i] = (double) solved / samples;
        }
        return out;
    }

    /**
     * Per question: the share of its samples whose N = {@code episodeAttempts} episode had a correct attempt at
     * or before attempt {@code k}: the within-episode refinement curve.
     */
    public double[] solvedByAttempt(int episodeAttempts, int k) {
        double[] out = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            int solved = 0;
            for (int s = 0; s < samples; s++) {
                int first = firstCorrectAttempt(episode(s, episodeAttempts, i));
                solved += first > 0 && first <= k ? 1 : 0;
            }
            out[i] = (double) solved / samples;
        }
        return out;
    }

    /** Per question: how many of its samples solved the N = 1 episode (the c of pass@k). */
    public int[] correctSingleAttempts() {
        int[] out = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            for (int s = 0; s < samples; s++) {
                Trajectory t = episode(s, 1, i);
                out[i] += t != null && t.getOutcome() == Outcome.SOLVED ? 1 : 0;
            }
        }
        return out;
    }

    /** Per attempt index of the N = {@code episodeAttempts} episodes: attempts made, correct, and why each stopped. */
    public List<AttemptProfile> attemptProfiles(int episodeAttempts) {
        List<AttemptProfile> out = new ArrayList<>();
        for (int a = 1; a <= episodeAttempts; a++) {
            int made = 0;
            int correct = 0;
            int repeated = 0;
            Map<FinishReason, Integer> reasons = new EnumMap<>(FinishReason.class);
            Arrays.stream(FinishReason.values()).forEach(r -> reasons.put(r, 0));
            for (int s = 0; s < samples; s++) {
                for (int i = 0; i < items.size(); i++) {
                    Trajectory t = episode(s, episodeAttempts, i);
                    if (t == null || t.getAttempts().size() < a) {
                        continue;
                    }
                    GradedAttempt attempt = t.getAttempts().get(a - 1);
                    made++;
                    correct += attempt.getVerdict() == Verdict.CORRECT ? 1 : 0;
                    repeated += repeatsAnEarlierAnswer(t.getAttempts(), a - 1) ? 1 : 0;
                    reasons.merge(attempt.getAttemptRecord().getFinishReason(), 1, Integer::sum);
                }
            }
            out.add(new AttemptProfile(a, made, correct, repeated, reasons));
        }
        return out;
    }

    /** Whether attempt {@code index} (0-based) boxed the same answer as an earlier attempt of its episode. */
    static boolean repeatsAnEarlierAnswer(List<GradedAttempt> attempts, int index) {
        CharSequence answer = attempts.get(index).getExtractedAnswer();
        if (answer == null) {
            return false;
        }
        for (int earlier = 0; earlier < index; earlier++) {
            CharSequence before = attempts.get(earlier).getExtractedAnswer();
            if (before != null && before.toString().equals(answer.toString())) {
                return true;
            }
        }
        return false;
    }

    /** 1-based index of the first correct attempt of an episode, or 0 when none was (or it never closed). */
    public static int firstCorrectAttempt(Trajectory trajectory) {
        if (trajectory == null) {
            return 0;
        }
        List<GradedAttempt> attempts = trajectory.getAttempts();
        for (int a = 0; a < attempts.size(); a++) {
            if (attempts.get(a).getVerdict() == Verdict.CORRECT) {
                return a + 1;
            }
        }
        return 0;
    }

    /**
     * What the policy did at one attempt index.
     *
     * @param attempt  1-based attempt index
     * @param made     attempts made at this index (episodes that got this far)
     * @param correct  of them, correct
     * @param repeated of them, attempts that boxed the same answer as an earlier attempt of their episode
     * @param finishes of them, how many stopped for each reason
     */
    public record AttemptProfile(int attempt, int made, int correct, int repeated,
                                 Map<FinishReason, Integer> finishes) {

        public AttemptProfile {
            finishes = Map.copyOf(finishes);
        }

        /** correct / made, or NaN when no attempt got this far. */
        public double accuracy() {
            return made == 0 ? Double.NaN : (double) correct / made;
        }

        /** The share of attempts that stopped for {@code reason}, or NaN. */
        public double share(FinishReason reason) {
            return made == 0 ? Double.NaN : (double) finishes.getOrDefault(reason, 0) / made;
        }
    }
}
