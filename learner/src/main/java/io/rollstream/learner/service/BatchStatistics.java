package io.rollstream.learner.service;

import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.avro.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Episode-level metrics of a trained batch: accuracy per attempt index ({@code accuracy/attempt-k}: correct
 * attempts k over episodes that reached attempt k), mean staleness and how many trajectories were each number
 * of versions behind, and replay use and success.
 */
final class BatchStatistics {

    private BatchStatistics() {
    }

    static Map<String, Double> of(List<Trajectory> batch, long currentVersion) {
        Map<String, Double> out = new LinkedHashMap<>();
        int maxK = batch.stream().mapToInt(t -> t.getAttempts().size()).max().orElse(0);
        for (int k = 1; k <= maxK; k++) {
            int reached = 0;
            int correct = 0;
            for (Trajectory t : batch) {
                if (t.getAttempts().size() >= k) {
                    reached++;
                    GradedAttempt a = t.getAttempts().get(k - 1);
                    correct += a.getVerdict() == Verdict.CORRECT ? 1 : 0;
                }
            }
            out.put("accuracy/attempt-" + k, (double) correct / reached);
        }
        double staleness = 0;
        Map<Long, Integer> stalenessCounts = new TreeMap<>();
        int replays = 0;
        int replaysSolved = 0;
        for (Trajectory t : batch) {
            long oldest = t.getPolicyVersions().stream().mapToLong(Long::longValue).min().orElse(currentVersion);
            staleness += currentVersion - oldest;
            stalenessCounts.merge(currentVersion - oldest, 1, Integer::sum);
            if (t.getOrigin() == PromptOrigin.REPLAY) {
                replays++;
                replaysSolved += t.getTerminalReward() != null && t.getTerminalReward() > 0 ? 1 : 0;
            }
        }
        out.put("staleness/mean", staleness / Math.max(1, batch.size()));
        stalenessCounts.forEach((versions, count) -> out.put(LearnerService.STALENESS_COUNT_PREFIX + versions, (double) count));
        out.put("replay/trained", (double) replays);
        out.put("replay/success", replays == 0 ? Double.NaN : (double) replaysSolved / replays);
        return out;
    }
}
