package io.rollstream.actor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rollstream.actor.config.ActorConfig;
import io.rollstream.actor.loop.ActorService;
import io.rollstream.actor.loop.ActorStats;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs one actor in this JVM until the JVM is asked to stop (SIGTERM, Ctrl-C) or the actor fails, printing
 * its totals periodically. Shared by {@link ActorMain} and the {@code rollstream actor} command.
 */
public final class ActorProcess {

    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private ActorProcess() {
    }

    /** Runs {@code config}'s actor with a fresh in-memory meter registry; returns the exit code (0 clean, 1 failed). */
    public static int runUntilShutdown(ActorConfig config, PrintWriter out) {
        return runUntilShutdown(config, new SimpleMeterRegistry(), out);
    }

    /** Runs {@code config}'s actor reporting to {@code meters}; returns the exit code (0 clean, 1 failed). */
    public static int runUntilShutdown(ActorConfig config, MeterRegistry meters, PrintWriter out) {
        ActorService service = ActorService.create(config, meters);
        // The hook finishes the batch in hand, commits it, leaves the group; the JVM exits when it returns.
        Thread hook = new Thread(service::close, "rollstream-actor-shutdown-" + config.actorId());
        Runtime.getRuntime().addShutdownHook(hook);
        service.start();
        out.printf(Locale.ROOT, "actor %s started: group %s, policy %s, batch %d, max %d new tokens%n",
                config.actorId(), config.groupId(), config.policyName(), config.batchSize(), config.maxNewTokens());
        out.flush();
        try {
            while (!service.awaitStop(REPORT_EVERY)) {
                report(out, config, service.stats());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            service.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutdown already under way: the hook is what stopped the actor.
        }
        report(out, config, service.stats());
        if (service.failure().isPresent()) {
            out.println("actor " + config.actorId() + " failed: " + service.failure().get());
            out.flush();
            return 1;
        }
        return 0;
    }

    private static void report(PrintWriter out, ActorConfig config, ActorStats stats) {
        out.printf(Locale.ROOT, "actor %s: policy v%d, %d attempts, %d tokens (%.1f tokens/s generating), "
                        + "%d dead letters, %d aborted batches%n",
                config.actorId(), stats.servingVersion(), stats.attempts(), stats.tokens(),
                stats.tokensPerGenerationSecond(), stats.deadLetters(), stats.abortedBatches());
        out.flush();
    }
}
