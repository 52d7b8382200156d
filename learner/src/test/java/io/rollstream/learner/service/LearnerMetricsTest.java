package io.rollstream.learner.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearnerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void shouldNameEachKeyOnceUnderTheLearnersPrefix() {
        assertEquals("rollstream.learner.policy.clip.fraction", LearnerMetrics.meterName("policy/clip-fraction"));
        assertEquals("rollstream.learner.reward.mean", LearnerMetrics.meterName("reward/mean"));
        assertEquals("rollstream.learner.accuracy", LearnerMetrics.meterName("accuracy/attempt-2"));
    }

    @Test
    void shouldExportLatestValuesAsGaugesWithTheAttemptAsATag() {
        LearnerMetrics metrics = new LearnerMetrics(registry, Map.of());
        metrics.line(1, 2, Map.of("policy/clip-fraction", 0.25, "accuracy/attempt-1", 0.5, "accuracy/attempt-2", 0.75));
        metrics.set("policy/clip-fraction", 0.125);
        assertEquals(0.125, registry.get("rollstream.learner.policy.clip.fraction").gauge().value());
        assertEquals(0.5, registry.get("rollstream.learner.accuracy").tag("attempt", "1").gauge().value());
        assertEquals(0.75, registry.get("rollstream.learner.accuracy").tag("attempt", "2").gauge().value());
    }

    @Test
    void shouldExportRunningTotalsAsCountersThatContinueAfterARestore() {
        LearnerMetrics metrics = new LearnerMetrics(registry, Map.of("trajectories/used", 40L));
        metrics.increment("trajectories/used", 8);
        metrics.increment("dropped/stale", 1);
        assertEquals(48, registry.get("rollstream.learner.trajectories.used").functionCounter().count());
        assertEquals(1, registry.get("rollstream.learner.dropped.stale").functionCounter().count());
        assertEquals(48, metrics.counter("trajectories/used"));
    }

    @Test
    void shouldKeepReadingATrackedValueThatOnlyTheGaugeHolds() {
        LearnerMetrics metrics = new LearnerMetrics(registry, Map.of());
        long[] version = {7};
        metrics.track("policy/version", () -> version[0]); // the lambda is held by the gauge alone
        for (int i = 0; i < 5; i++) {
            System.gc(); // a weakly held lambda is collected here, and the gauge would read NaN
        }
        version[0] = 8;
        assertEquals(8.0, registry.get("rollstream.learner.policy.version").gauge().value());
    }
}
