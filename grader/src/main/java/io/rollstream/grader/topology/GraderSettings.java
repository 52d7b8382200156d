package io.rollstream.grader.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * What the grader topology itself needs to know: its version and its clocks. Connection settings live in
 * {@code GraderConfig}; the topology factory never reads files, environment or properties.
 *
 * @param graderVersion         stamped on every graded attempt and trajectory (default {@link #GRADER_VERSION})
 * @param attemptTimeout        how long an open episode waits for its next attempt before it closes as TIMEOUT
 *                              (default 30 min)
 * @param timeoutCheckInterval  wall-clock period of the punctuator that closes expired episodes (default 1 s)
 * @param closedRetention       how long a closed episode is remembered, so a late or duplicated attempt for it
 *                              is dead-lettered instead of opening the episode again (default 24 h)
 */
public record GraderSettings(String graderVersion, Duration attemptTimeout, Duration timeoutCheckInterval,
                             Duration closedRetention) {

    /** Grader version written on every verdict; bump it whenever grading or the protocol changes. */
    public static final String GRADER_VERSION = "1.0.0";
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_TIMEOUT_CHECK_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CLOSED_RETENTION = Duration.ofHours(24);

    public GraderSettings {
        Objects.requireNonNull(graderVersion, "graderVersion");
        requirePositive("attemptTimeout", attemptTimeout);
        requirePositive("timeoutCheckInterval", timeoutCheckInterval);
        requirePositive("closedRetention", closedRetention);
        if (graderVersion.isBlank()) {
            throw new IllegalArgumentException("graderVersion must not be blank");
        }
    }

    /** The current grader version, a 30-minute attempt timeout checked every second, 24 hours of closed episodes. */
    public static GraderSettings defaults() {
        return new GraderSettings(GRADER_VERSION, DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_TIMEOUT_CHECK_INTERVAL,
                DEFAULT_CLOSED_RETENTION);
    }

    /** These settings with another attempt timeout. */
    public GraderSettings withAttemptTimeout(Duration timeout) {
        return new GraderSettings(graderVersion, timeout, timeoutCheckInterval, closedRetention);
    }

    /** These settings with another closed-episode retention. */
    public GraderSettings withClosedRetention(Duration retention) {
        return new GraderSettings(graderVersion, attemptTimeout, timeoutCheckInterval, retention);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
