package io.rollstream.bench.pipeline;

import io.rollstream.learner.service.LearnerService;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one pacing mode of {@code bench pipeline} did, from its learner's per-update metrics and the phase's clocks.
 *
 * @param mode             asynchronous or synchronous
 * @param updates          learner updates made
 * @param trained          trajectories trained on (the staleness counts summed)
 * @param fed              fresh episodes fed
 * @param wallSeconds      from the start of the phase to the learner's last update
 * @param actorBusy        share of that time the actor spent generating
 * @param learnerBusy      share of that time the learner spent in its updates
 * @param finalReward      mean training reward of the last {@code lastUpdates} updates
 * @param finalRewardError standard error of that mean over those updates
 * @param lastUpdates      how many updates the final reward averages
 * @param staleness        trajectories by how many versions behind they were trained
 * @param droppedStale     trajectories the learner dropped as too stale
 */
public record ModeFigures(String mode, long updates, long trained, int fed, double wallSeconds, double actorBusy,
                          double learnerBusy, double finalReward, double finalRewardError, int lastUpdates,
                          Map<Long, Long> staleness, long droppedStale) {

    public ModeFigures {
        staleness = Collections.unmodifiableMap(new TreeMap<>(staleness));
    }

    /** The figures of a run whose per-update metrics are {@code metrics}, the final reward over the last K. */
    public static ModeFigures of(String mode, List<Map<String, Double>> metrics, int fed, Duration training,
                                 Duration actorBusy, long droppedStale, int lastK) {
        if (lastK < 1) {
            throw new IllegalArgumentException("the final reward needs at least one update, got " + lastK);
        }
        double wall = training.toNanos() / 1e9;
        double trainSeconds = 0;
        Map<Long, Long> staleness = new TreeMap<>();
        for (Map<String, Double> update : metrics) {
            trainSeconds += update.getOrDefault(LearnerService.TRAIN_SECONDS, 0.0);
            update.forEach((key, value) -> {
                if (key.startsWith(LearnerService.STALENESS_COUNT_PREFIX)) {
                    long versions = Long.parseLong(key.substring(LearnerService.STALENESS_COUNT_PREFIX.length()));
                    staleness.merge(versions, Math.round(value), Long::sum);
                }
            });
        }
        List<Double> rewards = metrics.stream().map(m -> m.get("reward/mean")).filter(r -> r != null).toList();
        List<Double> last = rewards.subList(Math.max(0, rewards.size() - lastK), rewards.size());
        double mean = last.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double error = standardError(last, mean);
        long trained = staleness.values().stream().mapToLong(Long::longValue).sum();
        return new ModeFigures(mode, metrics.size(), trained, fed, wall, actorBusy.toNanos() / 1e9 / wall,
                trainSeconds / wall, mean, error, last.size(), staleness, droppedStale);
    }

    /** The sample standard deviation over the square root of the count; 0 for fewer than two values. */
    static double standardError(List<Double> values, double mean) {
        if (values.size() < 2) {
            return 0;
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.size() - 1)) / Math.sqrt(values.size());
    }

    /** "0: 120, 1: 40" in increasing staleness. */
    public String stalenessHistogram() {
        StringBuilder out = new StringBuilder();
        staleness.forEach((versions, count) -> out.append(out.isEmpty() ? "" : ", ").append(versions).append(": ")
                .append(count));
        return out.isEmpty() ? "none" : out.toString();
    }
}
