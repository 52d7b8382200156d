package io.rollstream.feeder;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces events at a steady rate: event i is released no earlier than {@code start + i / rate}, so a slow
 * moment is caught up afterwards rather than lowering the average rate. A rate of 0 never waits.
 */
final class RatePacer {

    /** How the pacer waits; a test passes one that only advances its clock. */
    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final double perSecond;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private long start;
    private long released;

    RatePacer(double perSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("rate: must be a finite number >= 0, got " + perSecond);
        }
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** A pacer on the system clock that sleeps the calling thread. */
    static RatePacer system(double perSecond) {
        return new RatePacer(perSecond, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    /** Waits until the next event is due. */
    void acquire() throws InterruptedException {
        if (perSecond == 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (released == 0) {
            start = now;
        }
        long due = start + (long) (released * 1e9 / perSecond);
        if (due > now) {
            sleeper.sleepNanos(due - now);
        }
        released++;
    }
}
