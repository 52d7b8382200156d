package io.rollstream.experiment.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollstream.eval.AccuracyAtK;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhaseSummaryTest {

    @Test
    void shouldReportTheFirstAndLastRecordedRewardOfATrainingPhase() {
        Map<String, Double> warmup = new HashMap<>();
        warmup.put("reward/mean", Double.NaN);
        List<Map<String, Double>> metrics = List.of(warmup, Map.of("reward/mean", -0.5625),
                Map.of("policy/loss", 0.1), Map.of("reward/mean", -0.40625));
        assertEquals("PPO (N = 1): 4 updates on 64 episodes, training reward -0.563 -> -0.406, serving v5 (15 s)",
                PhaseSummary.training("PPO (N = 1)", 4, 64, metrics, 5, Duration.ofMillis(14_600)));
        assertEquals("PPO: 0 updates on 0 episodes, no training reward recorded, serving v1 (0 s)",
                PhaseSummary.training("PPO", 0, 0, List.of(), 1, Duration.ZERO));
    }

    @Test
    void shouldReportAccuracyAtTheFirstAndLastAttemptCount() {
        // k=1: 4 of 30 graded (2 timed out); k=5: 6 of 30.
        List<AccuracyAtK> accuracy = List.of(new AccuracyAtK(1, 32, 4, 30, 2, 0, 0),
                new AccuracyAtK(3, 32, 5, 32, 0, 0, 0), new AccuracyAtK(5, 32, 6, 30, 1, 1, 0));
        assertEquals("eval SFT start: 96 episodes, accuracy 13.3% at k=1 and 20.0% at k=5 (4 s)",
                PhaseSummary.evaluation("SFT start", accuracy, Duration.ofMillis(3_500)));
        assertEquals("eval greedy: 10 episodes, accuracy n/a at k=1 (1 s)",
                PhaseSummary.evaluation("greedy", List.of(new AccuracyAtK(1, 10, 0, 0, 10, 0, 0)),
                        Duration.ofSeconds(1)));
    }
}
