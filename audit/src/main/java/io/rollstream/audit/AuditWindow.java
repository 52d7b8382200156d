package io.rollstream.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The time frame of one audit. Episodes whose first prompt was created in [from, to) are audited. Records are
 * read up to the horizon, the earlier of the audit's start and {@code to + closeGrace}, so an episode that
 * started inside the window but closed a little after {@code to} is still seen closed; one with no trajectory
 * by the horizon is OPEN when its last record is younger than {@code closeGrace}, else not closed.
 *
 * @param from       start of the window, inclusive
 * @param to         end of the window, exclusive
 * @param startedAt  when the audit started; nothing written after it is read
 * @param horizon    read records up to here
 * @param closeGrace how long an episode may be idle before it must have closed; set it above the grader's
 *                   attempt timeout
 */
public record AuditWindow(Instant from, Instant to, Instant startedAt, Instant horizon, Duration closeGrace) {

    public AuditWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(horizon, "horizon");
        Objects.requireNonNull(closeGrace, "closeGrace");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from (" + from + ") must be before --to (" + to + ")");
        }
        if (closeGrace.isNegative() || closeGrace.isZero()) {
            throw new IllegalArgumentException("close grace must be positive, got " + closeGrace);
        }
    }

    /**
     * The window for an audit started at {@code startedAt}. Record times are whole milliseconds, so the window
     * is widened to whole milliseconds: {@code from} down, {@code to} up.
     */
    public static AuditWindow of(Instant from, Instant to, Duration closeGrace, Instant startedAt) {
        Instant start = from.truncatedTo(ChronoUnit.MILLIS);
        Instant end = to.truncatedTo(ChronoUnit.MILLIS);
        if (end.isBefore(to)) {
            end = end.plusMillis(1);
        }
        Instant late = end.plus(closeGrace);
        return new AuditWindow(start, end, startedAt, late.isBefore(startedAt) ? late : startedAt, closeGrace);
    }

    /** Whether the read stops at the audit's start (the window reaches the present). */
    public boolean readsToPresent() {
        return horizon.equals(startedAt);
    }
}
