package io.rollstream.cli.learner;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses a time option: an ISO-8601 instant or {@code now}. */
final class StartTime {

    private StartTime() {
    }

    static Instant parse(String text) {
        return parse("--start-at", text);
    }

    static Instant parse(String option, String text) {
        if ("now".equalsIgnoreCase(text)) {
            return Instant.now();
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " takes an ISO-8601 instant (2026-01-31T12:00:00Z) or 'now', got '"
                    + text + "'");
        }
    }
}
