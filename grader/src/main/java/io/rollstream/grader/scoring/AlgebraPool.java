package io.rollstream.grader.scoring;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of daemon threads for work that may not stop when asked (library code that ignores
 * interruption). The caller waits only until its deadline; abandoned work keeps its thread and its permit
 * until it really ends, so when every thread is held by stuck work new requests are answered Undecidable
 * by their deadline instead of queueing without bound.
 */
final class AlgebraPool implements AutoCloseable {

    /** Work that can be asked to stop early; {@link #abandon()} may be called from another thread. */
    interface Task {
        Equivalence run() throws Exception;

        void abandon();
    }

    private final ThreadPoolExecutor executor;
    private final Semaphore permits;
    private final int threads;

    AlgebraPool(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.permits = new Semaphore(threads);
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, name + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // The permits keep in-flight work at or below the thread count, so this queue stays short.
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), factory);
    }

    int threads() {
        return threads;
    }

    /** Threads currently free to take work. */
    int idleThreads() {
        return permits.availablePermits();
    }

    /** Runs {@code task} on a pool thread and waits for it until {@code deadline}. */
    Equivalence run(Task task, Deadline deadline) {
        try {
            if (!permits.tryAcquire(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)) {
                return new Equivalence.Undecidable("all " + threads + " computer algebra threads are busy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Equivalence.Undecidable("interrupted while waiting for computer algebra");
        }
        // Whoever flips this first owns the permit: the task when it starts, or the caller abandoning it
        // before it started (a cancelled task that never runs could not release it).
        AtomicBoolean claimed = new AtomicBoolean();
        Future<Equivalence> future;
        try {
            future = executor.submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return deadline.exceeded();
                }
                try {
                    return task.run();
                } finally {
                    permits.release();
                }
            });
        } catch (RejectedExecutionException e) {
            permits.release();
            return new Equivalence.Undecidable("computer algebra is shut down");
        }
        try {
            return future.get(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            abandon(task, future, claimed);
            return deadline.exceeded();
        } catch (InterruptedException e) {
            abandon(task, future, claimed);
            Thread.currentThread().interrupt();
            return new Equivalence.Undecidable("interrupted while waiting for computer algebra");
        } catch (ExecutionException e) {
            return new Equivalence.Undecidable("computer algebra failed: " + e.getCause());
        }
    }

    private void abandon(Task task, Future<Equivalence> future, AtomicBoolean claimed) {
        if (claimed.compareAndSet(false, true)) {
            permits.release();
        }
        task.abandon();
        future.cancel(true);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
