package io.rollstream.actor.loop;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rollstream.actor.policy.PolicyFollower;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The actor's meters, tagged with its id: {@code actor.tokens} and {@code actor.attempts} (counters whose
 * rates are tokens/s and attempts/s), {@code actor.batch.size}, {@code actor.generation} (time per batch),
 * {@code actor.policy.version} (serving), {@code actor.version.lag} (newest published minus serving),
 * {@code actor.dead.letters}, {@code actor.batches.aborted}, {@code actor.policy.rejected} and
 * {@code actor.version.pin.mismatch} (prompts pinned to a version other than the serving one) and
 * {@code actor.prompts.foreign} (other policies' prompts, skipped).
 */
public final class ActorMetrics {

    private final Counter tokens;
    private final Counter attempts;
    private final Counter deadLetters;
    private final Counter aborted;
    private final Counter pinMismatches;
    private final Counter foreign;
    private final DistributionSummary batchSize;
    private final Timer generation;
    private final AtomicLong servingVersion = new AtomicLong();

    ActorMetrics(MeterRegistry registry, String actorId, PolicyFollower follower) {
        String tag = "actor";
        tokens = Counter.builder("actor.tokens").description("generated tokens").baseUnit("tokens")
                .tag(tag, actorId).register(registry);
        attempts = Counter.builder("actor.attempts").description("committed attempts").tag(tag, actorId)
                .register(registry);
        deadLetters = Counter.builder("actor.dead.letters").description("unreadable prompts dead-lettered")
                .tag(tag, actorId).register(registry);
        aborted = Counter.builder("actor.batches.aborted").description("transactions aborted and retried")
                .tag(tag, actorId).register(registry);
        pinMismatches = Counter.builder("actor.version.pin.mismatch")
                .description("prompts pinned to a policy version other than the serving one")
                .tag(tag, actorId).register(registry);
        foreign = Counter.builder("actor.prompts.foreign").description("prompts of other policies, skipped")
                .tag(tag, actorId).register(registry);
        batchSize = DistributionSummary.builder("actor.batch.size").description("prompts per batch")
                .tag(tag, actorId).register(registry);
        generation = Timer.builder("actor.generation").description("generation time per batch")
                .tag(tag, actorId).register(registry);
        Gauge.builder("actor.policy.version", servingVersion, AtomicLong::get)
                .description("policy version serving").tag(tag, actorId).register(registry);
        Gauge.builder("actor.version.lag", this, m -> Math.max(0, follower.latestPublished() - m.servingVersion.get()))
                .description("newest published version minus the serving one").tag(tag, actorId).register(registry);
        Gauge.builder("actor.policy.rejected", follower, PolicyFollower::rejectedCount)
                .description("policy versions rejected").tag(tag, actorId).register(registry);
    }

    void serving(long version) {
        servingVersion.set(version);
    }

    void generated(int batch, long tokenCount, Duration took) {
        batchSize.record(batch);
        tokens.increment(tokenCount);
        generation.record(took);
    }

    void committed(int attemptCount, int deadLetterCount) {
        attempts.increment(attemptCount);
        deadLetters.increment(deadLetterCount);
    }

    void aborted() {
        aborted.increment();
    }

    void skippedForeign(int count) {
        foreign.increment(count);
    }

    void pinMismatch() {
        pinMismatches.increment();
    }

    /** A snapshot for logs and tests. */
    public ActorStats snapshot() {
        double seconds = generation.totalTime(TimeUnit.NANOSECONDS) / 1e9;
        return new ActorStats((long) attempts.count(), (long) tokens.count(), (long) deadLetters.count(),
                generation.count(), (long) aborted.count(), servingVersion.get(), seconds);
    }
}
