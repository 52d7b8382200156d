package io.rollstream.grader.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AlgebraPoolTest {

    /** Work that ignores interruption until released, like a library stuck in a big-integer loop. */
    private static final class StuckTask implements AlgebraPool.Task {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch finished = new CountDownLatch(1);
        volatile boolean abandoned;

        @Override
        public Equivalence run() {
            started.countDown();
            try {
                while (true) {
                    try {
                        release.await();
                        return Equivalence.EQUAL;
                    } catch (InterruptedException swallowed) {
                        // Deliberately ignored: this task models code that does not stop when asked.
                    }
                }
            } finally {
                finished.countDown();
            }
        }

        @Override
        public void abandon() {
            abandoned = true;
        }
    }

    private static AlgebraPool.Task answering(Equivalence outcome) {
        return new AlgebraPool.Task() {
            @Override
            public Equivalence run() {
                return outcome;
            }

            @Override
            public void abandon() {
            }
        };
    }

    @Test
    void shouldReturnTheTaskOutcomeWithinTheDeadline() {
        try (AlgebraPool pool = new AlgebraPool(1, "test-algebra")) {
            assertEquals(Equivalence.NOT_EQUAL, pool.run(answering(Equivalence.NOT_EQUAL), Deadline.after(Duration.ofSeconds(2))));
            assertEquals(1, pool.idleThreads());
        }
    }

    @Test
    void shouldAbandonStuckWorkAtTheDeadlineAndAnswerBusyWhenSaturated() throws InterruptedException {
        try (AlgebraPool pool = new AlgebraPool(1, "test-algebra")) {
            StuckTask stuck = new StuckTask();
            long start = System.nanoTime();
            Equivalence first = pool.run(stuck, Deadline.after(Duration.ofMillis(200)));
            long firstMillis = (System.nanoTime() - start) / 1_000_000;
            assertInstanceOf(Equivalence.Undecidable.class, first);
            assertTrue(stuck.abandoned, "the task was told to stop");
            assertTrue(firstMillis < 1_000, "gave up at the deadline, took " + firstMillis + " ms");

            // The only thread is still held by the stuck task, so the next request cannot queue forever.
            start = System.nanoTime();
            Equivalence second = pool.run(answering(Equivalence.EQUAL), Deadline.after(Duration.ofMillis(200)));
            long secondMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(new Equivalence.Undecidable("all 1 computer algebra threads are busy"), second);
            assertTrue(secondMillis < 1_000, "answered by its deadline, took " + secondMillis + " ms");

            // Once the stuck work really ends, its thread serves requests again.
            stuck.release.countDown();
            assertTrue(stuck.finished.await(5, TimeUnit.SECONDS));
            assertEquals(Equivalence.EQUAL, pool.run(answering(Equivalence.EQUAL), Deadline.after(Duration.ofSeconds(2))));
        }
    }

    @Test
    void shouldReleaseThePermitOfWorkAbandonedBeforeItStarted() throws InterruptedException {
        try (AlgebraPool pool = new AlgebraPool(2, "test-algebra")) {
            Equivalence expired = pool.run(answering(Equivalence.EQUAL), Deadline.after(Duration.ofNanos(1)));
            // Either it ran in time or it was abandoned; in both cases no permit may leak.
            assertTrue(expired instanceof Equivalence.Equal || expired instanceof Equivalence.Undecidable);
            assertEquals(Equivalence.EQUAL, pool.run(answering(Equivalence.EQUAL), Deadline.after(Duration.ofSeconds(2))));
            assertEquals(Equivalence.EQUAL, pool.run(answering(Equivalence.EQUAL), Deadline.after(Duration.ofSeconds(2))));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (pool.idleThreads() != 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(2, pool.idleThreads());
        }
    }
}
