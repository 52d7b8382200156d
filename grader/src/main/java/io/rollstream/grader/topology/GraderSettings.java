package io.rollstream.grader.topology;

import java.time.Duration;
import java.util.Objects;

/**
 * What the grader topology itself needs to know: its version and its clocks. Connection settings live in
 * {@code GraderConfig}; the topology factory never reads files, environment or properties.
 *
 * @param graderVersion         stamped on every graded attempt and trajectory
 * @param attemptTimeout        how long an open episode waits for its next attempt before it closes as TIMEOUT
 * @param timeoutCheckInterval  wall-clock period of the punctuator that closes expired episodes
 * @param closedRetention       how long a closed episode is remembered, so a late or duplicated attempt for it
 *                              is dead-lettered instead of opening the episode again
 */
public record GraderSettings(String graderVersion, Duration attemptTimeout, Duration timeoutCheckInterval,
                             Duration closedRetention) {

    public GraderSettings {
        Objects.requireNonNull(graderVersion, "graderVersion");
        requirePositive("attemptTimeout", attemptTimeout);
        requirePositive("timeoutCheckInterval", timeoutCheckInterval);
        requirePositive("closedRetention", closedRetention);
        if (graderVersion.isBlank()) {
            throw new IllegalArgumentException("graderVersion must not be blank");
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
