package io.rollstream.bench.generate;

import java.util.Objects;

/**
 * One complete event of a Chrome-format trace as libtorch's profiler writes it: an operator's name, the
 * thread it ran on, and its start and duration in microseconds.
 */
public record TraceEvent(String name, String thread, double start, double duration) {

    public TraceEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(thread, "thread");
        if (!(duration >= 0)) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
    }

    /** When the event ended, in the same clock as {@link #start}. */
    public double end() {
        return start + duration;
    }
}
