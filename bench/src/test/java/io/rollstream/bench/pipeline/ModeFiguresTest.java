package io.rollstream.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rollstream.learner.service.LearnerService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModeFiguresTest {

    private static final String AT = LearnerService.STALENESS_COUNT_PREFIX;
    private static final String TRAIN = LearnerService.TRAIN_SECONDS;

    @Test
    void shouldSumBusyTimeAndStalenessAndAverageTheLastRewards() {
        List<Map<String, Double>> metrics = List.of(
                Map.of("reward/mean", -1.0, TRAIN, 4.0, AT + 0, 16.0),
                Map.of("reward/mean", 0.2, TRAIN, 5.0, AT + 0, 10.0, AT + 1, 6.0),
                Map.of("reward/mean", 0.4, TRAIN, 6.0, AT + 1, 12.0, AT + 2, 4.0));
        ModeFigures figures = ModeFigures.of("asynchronous", metrics, 64, Duration.ofSeconds(30),
                Duration.ofSeconds(24), 3, 2);
        assertEquals(3, figures.updates());
        assertEquals(48, figures.trained());
        assertEquals(Map.of(0L, 26L, 1L, 18L, 2L, 4L), figures.staleness());
        assertEquals("0: 26, 1: 18, 2: 4", figures.stalenessHistogram());
        assertEquals(15.0 / 30, figures.learnerBusy(), 1e-12);
        assertEquals(24.0 / 30, figures.actorBusy(), 1e-12);
        // The last two rewards, 0.2 and 0.4: mean 0.3, sample sd 0.1414, over sqrt(2) gives 0.1.
        assertEquals(0.3, figures.finalReward(), 1e-12);
        assertEquals(0.1, figures.finalRewardError(), 1e-12);
        assertEquals(2, figures.lastUpdates());
        assertEquals(3, figures.droppedStale());
    }

    @Test
    void shouldRefuseAnEmptyRewardWindowAndGiveOneValueNoError() {
        List<Map<String, Double>> one = List.of(Map.of("reward/mean", 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> ModeFigures.of("x", one, 1, Duration.ofSeconds(1), Duration.ZERO, 0, 0));
        ModeFigures figures = ModeFigures.of("x", one, 1, Duration.ofSeconds(1), Duration.ZERO, 0, 5);
        assertEquals(0.5, figures.finalReward());
        assertEquals(0.0, figures.finalRewardError());
        assertEquals("none", figures.stalenessHistogram());
    }
}
