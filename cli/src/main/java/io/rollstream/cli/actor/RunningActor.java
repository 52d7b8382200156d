package io.rollstream.cli.actor;

import io.micrometer.core.instrument.MeterRegistry;
import io.rollstream.actor.config.ActorConfig;
import io.rollstream.actor.loop.ActorService;
import io.rollstream.actor.loop.ActorStats;
import io.rollstream.cli.run.RunningComponent;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** An actor as the lifecycle runs it: its loop on a thread of its own, its totals as the report. */
final class RunningActor implements RunningComponent {

    private final ActorConfig config;
    private final ActorService service;

    private RunningActor(ActorConfig config, ActorService service) {
        this.config = config;
        this.service = service;
    }

    static RunningActor start(ActorConfig config, MeterRegistry meters) {
        ActorService service = ActorService.create(config, meters);
        service.start();
        return new RunningActor(config, service);
    }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return service.awaitStop(timeout);
    }

    @Override
    public String report() {
        ActorStats stats = service.stats();
        return String.format(Locale.ROOT, "%s in group %s, policy %s v%d, %d attempts, %d tokens "
                        + "(%.1f tokens/s generating), %d dead letters, %d aborted batches",
                config.actorId(), config.groupId(), config.policyName(), stats.servingVersion(), stats.attempts(),
                stats.tokens(), stats.tokensPerGenerationSecond(), stats.deadLetters(), stats.abortedBatches());
    }

    @Override
    public Optional<Throwable> failure() {
        return service.failure();
    }

    /** Finishes the batch in hand, commits it and leaves the group. */
    @Override
    public void close() {
        service.close();
    }
}
