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

/**
 * Grader decisions as Micrometer meters, shown by Prometheus as {@code rollstream_grader_attempts_graded_total}
 * (by verdict; its rate is graded/s), {@code rollstream_grader_episodes_closed_total} (by outcome),
 * {@code rollstream_grader_grading_duration_seconds} (time in the answer checker),
 * {@code rollstream_grader_attempt_latency_seconds} (actor finished to verdict) and
 * {@code rollstream_grader_dead_letters_total} (by reason).
 */
final class GraderMetrics implements GraderListener {

    private final MeterRegistry registry;
    private final Map<Verdict, Counter> verdicts = new EnumMap<>(Verdict.class);
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final Timer gradingTime;
    private final Timer latency;

    GraderMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Verdict verdict : Verdict.values()) {
            verdicts.put(verdict, Counter.builder("rollstream.grader.attempts.graded").tag("verdict", verdict.name())
                    .description("Attempts graded, by verdict").register(registry));
        }
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder("rollstream.grader.episodes.closed").tag("outcome", outcome.name())
                    .description("Episodes closed, by outcome").register(registry));
        }
        gradingTime = Timer.builder("rollstream.grader.grading.duration").description("Time spent in the answer checker")
                .publishPercentiles(0.5, 0.99).register(registry);
        latency = Timer.builder("rollstream.grader.attempt.latency")
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
        Counter.builder("rollstream.grader.dead.letters").tag("reason", reason)
                .description("Records sent to the dead-letter topic, by reason").register(registry).increment();
    }
}
