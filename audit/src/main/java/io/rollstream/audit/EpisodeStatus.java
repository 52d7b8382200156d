package io.rollstream.audit;

import io.rollstream.schemas.avro.GradedAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an audited episode is closed. Without a trajectory it is OPEN while its last record is younger than
 * the close grace at the read horizon (the grader may still be waiting for the next attempt), and NOT_CLOSED
 * after that or when a graded attempt already said it closed the episode.
 */
public enum EpisodeStatus {
    /** At least one trajectory was written. */
    CLOSED,
    /** No trajectory yet, and the episode may legitimately still be running. */
    OPEN,
    /** No trajectory although one is due. */
    NOT_CLOSED;

    /** The status of {@code episode} when records were read up to {@code horizon}. */
    public static EpisodeStatus of(AuditedEpisode episode, Instant horizon, Duration closeGrace) {
        if (!episode.trajectories().isEmpty()) {
            return CLOSED;
        }
        Optional<Located<GradedAttempt>> closing = episode.closingGraded();
        if (closing.isPresent()) {
            return NOT_CLOSED;
        }
        Instant idleSince = episode.lastRecord().timestamp();
        return idleSince.plus(closeGrace).isAfter(horizon) ? OPEN : NOT_CLOSED;
    }
}
