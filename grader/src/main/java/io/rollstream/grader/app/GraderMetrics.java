package io.rollstream.grader.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rollstream.grader.topology.GraderListener;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Verdict;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Grader decisions as Micrometer meters: verdict counts, grading time, attempt-to-graded latency, closes. */
final class GraderMetrics implements GraderListener {

    private final MeterRegistry registry;
    private final Map<Verdict, Counter> verdicts = new EnumMap<>(Verdict.class);
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final Timer gradingTime;
    private final Timer latency;

    GraderMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Verdict verdict : Verdict.values()) {
            verdicts.put(verdict, Counter.builder("grader.attempts.graded").tag("verdict", verdict.name())
                    .description("Attempts graded, by verdict").register(registry));
        }
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder("grader.episodes.closed").tag("outcome", outcome.name())
                    .description("Episodes closed, by outcome").register(registry));
        }
        gradingTime = Timer.builder("grader.grading.time").description("Time spent in the answer checker")
                .publishPercentiles(0.5, 0.99).register(registry);
        latency = Timer.builder("grader.attempt.latency")
                .description("From the actor finishing an attempt to its verdict")
                .publishPercentiles(0.5, 0.99).maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
    }

    @Override
    public void graded(Verdict verdict, long gradingMicros, long latencyMillis) {
        verdicts.get(verdict).increment();
        gradingTime.record(gradingMicros, TimeUnit.MICROSECONDS);
        latency.record(Math.max(0, latencyMillis), TimeUnit.MILLISECONDS);
    }

    @Override
    public void closed(Outcome outcome) {
        outcomes.get(outcome).increment();
    }

    @Override
    public void deadLettered(String reason) {
        registry.counter("grader.dead.letters", "reason", reason).increment();
    }
}
