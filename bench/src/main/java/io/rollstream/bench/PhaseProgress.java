package io.rollstream.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Prints one line every few seconds while a long phase runs: how far it has come and at what rate, so a user
 * watching a benchmark sees it move. Plain lines rather than a redrawn bar, so logs and pipes stay readable.
 */
public final class PhaseProgress implements AutoCloseable {

    /** How often a line is printed unless told otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(3);

    private final ScheduledExecutorService timer;

    private PhaseProgress(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Starts printing {@code phase: done / total unit (pct) after s, rate/s} every {@code interval};
     * a {@code total} of 0 or less means the total is unknown and only the count is printed.
     */
    public static PhaseProgress start(PrintWriter out, String phase, long total, String unit, LongSupplier done,
                                      Duration interval) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(done, "done");
        long started = System.nanoTime();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-progress");
            thread.setDaemon(true);
            return thread;
        });
        long period = interval.toMillis();
        timer.scheduleAtFixedRate(() -> {
            double seconds = (System.nanoTime() - started) / 1e9;
            long count = done.getAsLong();
            String of = total > 0
                    ? String.format(Locale.ROOT, "%,d / %,d %s (%.0f%%)", count, total, unit, 100.0 * count / total)
                    : String.format(Locale.ROOT, "%,d %s", count, unit);
            out.println(String.format(Locale.ROOT, "  %s: %s after %.1f s, %,.0f/s", phase, of, seconds,
                    seconds > 0 ? count / seconds : 0.0));
            out.flush();
        }, period, period, TimeUnit.MILLISECONDS);
        return new PhaseProgress(timer);
    }

    /** Like {@link #start(PrintWriter, String, long, String, LongSupplier, Duration)} at the default interval. */
    public static PhaseProgress start(PrintWriter out, String phase, long total, String unit, LongSupplier done) {
        return start(out, phase, total, unit, done, DEFAULT_INTERVAL);
    }

    /** Stops printing; lines already printed stay. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
