package io.rollstream.experiment.demo;

import io.rollstream.eval.AccuracyAtK;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The one console line each training or evaluation phase ends with, under its progress bar. */
final class PhaseSummary {

    private static final String REWARD = "reward/mean";

    private PhaseSummary() {
    }

    /**
     * {@code PPO (N = 1): 6 updates on 96 episodes, training reward -0.562 -> -0.406, serving v7 (15 s)}: the
     * reward is the mean of the first and of the last update that had one.
     */
    static String training(String title, long updates, int episodes, List<Map<String, Double>> metrics, long version,
                           Duration elapsed) {
        List<Double> rewards = metrics.stream().map(m -> m.get(REWARD)).filter(Objects::nonNull)
                .filter(Double::isFinite).toList();
        String reward = rewards.isEmpty() ? "no training reward recorded"
                : String.format(Locale.ROOT, "training reward %.3f -> %.3f", rewards.get(0),
                        rewards.get(rewards.size() - 1));
        return String.format(Locale.ROOT, "%s: %d updates on %d episodes, %s, serving v%d (%s)", title, updates,
                episodes, reward, version, seconds(elapsed));
    }

    /** {@code eval SFT start: 150 episodes, accuracy 13.3% at k=1 and 20.0% at k=5 (4 s)}. */
    static String evaluation(String label, List<AccuracyAtK> accuracy, Duration elapsed) {
        int episodes = accuracy.stream().mapToInt(AccuracyAtK::episodes).sum();
        String figures;
        if (accuracy.isEmpty()) {
            figures = "nothing evaluated";
        } else if (accuracy.size() == 1) {
            figures = "accuracy " + percent(accuracy.get(0));
        } else {
            figures = "accuracy " + percent(accuracy.get(0)) + " and " + percent(accuracy.get(accuracy.size() - 1));
        }
        return String.format(Locale.ROOT, "eval %s: %d episodes, %s (%s)", label, episodes, figures, seconds(elapsed));
    }

    private static String percent(AccuracyAtK a) {
        return Double.isNaN(a.accuracy()) ? "n/a at k=" + a.k()
                : String.format(Locale.ROOT, "%.1f%% at k=%d", 100 * a.accuracy(), a.k());
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.0f s", elapsed.toMillis() / 1000.0);
    }
}
