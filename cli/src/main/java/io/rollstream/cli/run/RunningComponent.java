package io.rollstream.cli.run;

import java.time.Duration;
import java.util.Optional;

/**
 * A component started by {@link ComponentLifecycle}: it runs on threads of its own until it stops by itself (a
 * feed that has published everything, a learner at its update limit), fails, or is closed.
 */
public interface RunningComponent extends AutoCloseable {

    /** Waits up to {@code timeout} for the component to stop; true once it has. */
    boolean awaitStop(Duration timeout) throws InterruptedException;

    /** One line of totals for the periodic report. */
    String report();

    /** Why the component stopped on its own, if it failed. */
    Optional<Throwable> failure();

    /**
     * Stops the component, finishing and committing the work in hand, and releases what it holds. Called from the
     * shutdown hook and again by the lifecycle; every call after the first returns once the first has finished.
     */
    @Override
    void close();
}
