package io.rollstream.cli.learner;

import io.micrometer.core.instrument.MeterRegistry;
import io.rollstream.cli.run.RunningComponent;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.service.LearnerService;
import io.rollstream.learner.service.ServiceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The streaming learner as the lifecycle runs it: its training loop on a thread of its own, which stops after
 * the update in hand when closed and writes a final checkpoint.
 */
final class RunningLearner implements RunningComponent {

    private final LearnerConfig config;
    private final LearnerService service;
    private final Thread loop;
    private volatile boolean keepRunning = true;
    private volatile Throwable failure;
    private boolean closed; // guarded by this

    private RunningLearner(LearnerConfig config, LearnerService service) {
        this.config = config;
        this.service = service;
        this.loop = new Thread(this::train, "rollstream-learner-" + config.policyName());
    }

    static RunningLearner start(LearnerConfig config, ServiceSettings settings, MeterRegistry meters)
            throws IOException {
        RunningLearner learner = new RunningLearner(config, LearnerService.open(config, settings, meters));
        learner.loop.start();
        return learner;
    }

    private void train() {
        try {
            service.run(() -> keepRunning);
        } catch (IOException e) {
            failure = new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        loop.join(Math.max(1, timeout.toMillis()));
        return !loop.isAlive();
    }

    @Override
    public String report() {
        return String.format(Locale.ROOT, "%s on policy %s, %d updates, version %d, %d trajectories trained",
                config.algorithm(), config.policyName(), service.updates(), service.version(),
                service.metrics().counter("trajectories/used"));
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Lets the update in hand finish and be checkpointed, then closes the service. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        keepRunning = false;
        try {
            loop.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            service.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the learner failed", e);
        }
    }
}
