package io.rollstream.actor.loop;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.rollstream.actor.policy.PolicyFollower;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The actor's meters, tagged with its id, as Prometheus shows them: {@code rollstream_actor_attempts_total} and
 * {@code rollstream_actor_generated_tokens_total} (their rates are attempts/s and tokens/s),
 * {@code rollstream_actor_batch_size_prompts}, {@code rollstream_actor_generation_duration_seconds} (per batch),
 * {@code rollstream_actor_policy_version} (serving), {@code rollstream_actor_policy_version_lag} (newest published
 * minus serving), {@code rollstream_actor_policy_rejected_total}, {@code rollstream_actor_dead_letters_total},
 * {@code rollstream_actor_batches_aborted_total}, {@code rollstream_actor_version_pin_mismatch_total} (prompts
 * pinned to a version other than the serving one) and {@code rollstream_actor_foreign_prompts_total} (other
 * policies' prompts, skipped). The prompt consumer's own client metrics come along under Kafka's names, its lag
 * included ({@code kafka_consumer_fetch_manager_records_lag_max}).
 */
public final class ActorMetrics implements AutoCloseable {

    private final Counter tokens;
    private final Counter attempts;
    private final Counter deadLetters;
    private final Counter aborted;
    private final Counter pinMismatches;
    private final Counter foreign;
    private final DistributionSummary batchSize;
    private final Timer generation;
    private final AtomicLong servingVersion = new AtomicLong();
    private final KafkaClientMetrics consumerMetrics;

    ActorMetrics(MeterRegistry registry, String actorId, PolicyFollower follower, Consumer<?, ?> promptConsumer) {
        String tag = "actor";
        tokens = Counter.builder("rollstream.actor.generated").baseUnit("tokens").description("generated tokens")
                .tag(tag, actorId).register(registry);
        attempts = Counter.builder("rollstream.actor.attempts").description("committed attempts")
                .tag(tag, actorId).register(registry);
        deadLetters = Counter.builder("rollstream.actor.dead.letters").description("unreadable prompts dead-lettered")
                .tag(tag, actorId).register(registry);
        aborted = Counter.builder("rollstream.actor.batches.aborted").description("transactions aborted and retried")
                .tag(tag, actorId).register(registry);
        pinMismatches = Counter.builder("rollstream.actor.version.pin.mismatch")
                .description("prompts pinned to a policy version other than the serving one")
                .tag(tag, actorId).register(registry);
        foreign = Counter.builder("rollstream.actor.foreign.prompts").description("prompts of other policies, skipped")
                .tag(tag, actorId).register(registry);
        batchSize = DistributionSummary.builder("rollstream.actor.batch.size").baseUnit("prompts")
                .description("prompts per batch").tag(tag, actorId).register(registry);
        generation = Timer.builder("rollstream.actor.generation.duration").description("generation time per batch")
                .tag(tag, actorId).register(registry);
        Gauge.builder("rollstream.actor.policy.version", servingVersion, AtomicLong::get)
                .description("policy version serving").tag(tag, actorId).register(registry);
        Gauge.builder("rollstream.actor.policy.version.lag", this,
                        m -> Math.max(0, follower.latestPublished() - m.servingVersion.get()))
                .description("newest published version minus the serving one").tag(tag, actorId).register(registry);
        FunctionCounter.builder("rollstream.actor.policy.rejected", follower, PolicyFollower::rejectedCount)
                .description("policy versions rejected").tag(tag, actorId).register(registry);
        consumerMetrics = new KafkaClientMetrics(promptConsumer);
        consumerMetrics.bindTo(registry);
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

    /** Stops refreshing the consumer's client metrics; the consumer is closed by then. */
    @Override
    public void close() {
        consumerMetrics.close();
    }
}
