package io.rollstream.learner.service;

import java.time.Instant;
import java.util.Objects;

/**
 * A closed window of the trajectory topic, by the broker's append time: [from, to). It must lie wholly in the
 * past, so that the data a model was trained on is fixed and can be named: a window still open would take
 * whatever arrives while it is read.
 *
 * @param from first append time included
 * @param to   append time excluded
 */
public record OfflineWindow(Instant from, Instant to) {

    public OfflineWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the window must start before it ends, got --from " + from
                    + " --to " + to);
        }
    }

    /** The window, refused when it ends after {@code now}. */
    public static OfflineWindow closed(Instant from, Instant to, Instant now) {
        OfflineWindow window = new OfflineWindow(from, to);
        if (to.isAfter(now)) {
            throw new IllegalArgumentException("--to " + to + " is in the future (now " + now
                    + "): an open window would train on whatever arrives while it is read");
        }
        return window;
    }
}
