package io.rollstream.grader.scoring;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.matheclipse.core.basic.Config;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.interfaces.IExpr;

/**
 * Symbolic equivalence through Symja: {@code Simplify(a - b)} is zero, or else {@code PossibleZeroQ(a - b)}
 * holds. Every evaluation runs on an {@link AlgebraPool}, so the caller gives up at its deadline even when
 * Symja does not (a big-integer power runs to completion whatever it is told).
 */
final class SymbolicComparer implements SymbolicEquivalence, AutoCloseable {

    private static final PrintStream DISCARD = new PrintStream(OutputStream.nullOutputStream());

    private final AlgebraPool pool;
    private final Duration warmUp;

    /**
     * Starts {@code threads} algebra threads and runs a first evaluation on each (Symja loads its rule
     * tables on first use, which takes seconds), waiting at most {@code warmUpLimit}.
     */
    SymbolicComparer(int threads, Duration warmUpLimit) {
        this.pool = new AlgebraPool(threads, "answer-algebra");
        try {
            this.warmUp = warmUp(threads, warmUpLimit);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** How long loading Symja and the first evaluation on every thread took. */
    Duration warmUpTime() {
        return warmUp;
    }

    private Duration warmUp(int threads, Duration limit) {
        long start = System.nanoTime();
        SymjaRuntime.configure();
        Deadline deadline = Deadline.after(limit);
        // All warm-ups must be in flight together, so that each pool thread runs one of its own.
        CountDownLatch allStarted = new CountDownLatch(threads);
        ExecutorService callers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "answer-algebra-warm-up");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Equivalence>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(callers.submit(() -> pool.run(new SymjaTask("(vx+1)^2", "vx^2+2*vx+1", allStarted), deadline)));
            }
            for (Future<Equivalence> result : results) {
                Equivalence outcome = result.get(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
                if (!(outcome instanceof Equivalence.Equal)) {
                    throw new IllegalStateException("computer algebra failed its warm-up: " + outcome);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting computer algebra", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("computer algebra did not start within " + limit.toMillis() + " ms", e);
        } finally {
            callers.shutdownNow();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public Equivalence equivalent(MathExpr a, MathExpr b, Deadline deadline) {
        return pool.run(new SymjaTask(SymjaForm.of(a), SymjaForm.of(b), null), deadline);
    }

    @Override
    public void close() {
        pool.close();
    }

    /** One comparison on a fresh engine, so that an aborted evaluation leaves no state behind. */
    private static final class SymjaTask implements AlgebraPool.Task {
        private final String difference;
        private final CountDownLatch startTogether;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicReference<EvalEngine> engine = new AtomicReference<>();

        SymjaTask(String left, String right, CountDownLatch startTogether) {
            this.difference = "(" + left + ")-(" + right + ")";
            this.startTogether = startTogether;
        }

        @Override
        public Equivalence run() throws InterruptedException {
            if (startTogether != null) {
                startTogether.countDown();
                startTogether.await();
            }
            EvalEngine e = new EvalEngine(true);
            e.setQuietMode(true);
            e.setOutPrintStream(DISCARD);
            e.setErrorPrintStream(DISCARD);
            engine.set(e);
            if (stop.get()) {
                return new Equivalence.Undecidable("computer algebra stopped at the time limit");
            }
            ExprEvaluator evaluator = new ExprEvaluator(e, true, (short) 0);
            try {
                IExpr simplified = evaluator.eval("Simplify(" + difference + ")");
                if (simplified.isZero()) {
                    return Equivalence.EQUAL;
                }
                if (isUnevaluated(simplified, "Simplify")) {
                    return new Equivalence.Undecidable("computer algebra hit a size limit");
                }
                IExpr zero = evaluator.eval("PossibleZeroQ(" + difference + ")");
                if (zero.isTrue()) {
                    return Equivalence.EQUAL;
                }
                if (isUnevaluated(zero, "PossibleZeroQ")) {
                    return new Equivalence.Undecidable("computer algebra hit a size limit");
                }
                return Equivalence.NOT_EQUAL;
            } catch (RuntimeException ex) {
                if (stop.get()) {
                    return new Equivalence.Undecidable("computer algebra stopped at the time limit");
                }
                return new Equivalence.Undecidable("computer algebra could not evaluate: " + ex.getClass().getSimpleName());
            }
        }

        @Override
        public void abandon() {
            stop.set(true);
            // Symja's evaluation loop polls its own stop flag; interruption alone does not reach it.
            EvalEngine running = engine.get();
            if (running != null) {
                running.stopRequest();
            }
        }

        private static boolean isUnevaluated(IExpr result, String head) {
            return result.isAST() && head.equals(result.head().toString());
        }
    }

    /** Symja's settings are static; they are set once, before the first evaluation in this JVM. */
    private static final class SymjaRuntime {
        private static boolean configured;

        static synchronized void configure() {
            if (configured) {
                return;
            }
            Config.FILESYSTEM_ENABLED = false;
            // Bounds that make Symja give up (leaving the call unevaluated) instead of computing for minutes.
            Config.MAX_BIT_LENGTH = 100_000;
            Config.MAX_POLYNOMIAL_DEGREE = 1_000;
            Config.MAX_AST_SIZE = 100_000;
            Config.MAX_INPUT_LEAVES = 10_000L;
            Config.MAX_LOOP_COUNT = 1_000_000L;
            configured = true;
        }
    }
}
