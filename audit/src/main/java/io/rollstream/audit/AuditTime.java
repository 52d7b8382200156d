package io.rollstream.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TIME argument of {@code audit} and {@code export}: an ISO-8601 instant ({@code 2026-01-01T00:00:00Z}),
 * a duration ago ({@code -1h}, {@code -30m}, {@code -2d}, {@code -45s}, {@code PT1H}, {@code -PT1H}), epoch
 * milliseconds ({@code 1767225600000}), {@code earliest} (the epoch, so every retained record) or {@code now}.
 */
public final class AuditTime {

    private static final Pattern SHORT_AGO = Pattern.compile("-(\\d+)(ms|s|m|h|d|w)");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private AuditTime() {
    }

    /** Resolves {@code text} against {@code now}; fails naming the accepted forms. */
    public static Instant parse(String text, Instant now) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a time is required; " + FORMS);
        }
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("now")) {
            return now;
        }
        if (lower.equals("earliest")) {
            return Instant.EPOCH;
        }
        if (DIGITS.matcher(t).matches()) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("epoch millis out of range: " + t + "; " + FORMS, e);
            }
        }
        Matcher ago = SHORT_AGO.matcher(lower);
        if (ago.matches()) {
            return now.minus(shortDuration(Long.parseLong(ago.group(1)), ago.group(2)));
        }
        if (lower.startsWith("p") || lower.startsWith("-p")) {
            try {
                Duration d = Duration.parse(t.startsWith("-") ? t.substring(1) : t);
                return now.minus(d.abs());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration: " + t + "; " + FORMS, e);
            }
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("cannot read time '" + t + "'; " + FORMS, e);
        }
    }

    private static Duration shortDuration(long amount, String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            case "w" -> Duration.ofDays(7 * amount);
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }

    /** The accepted forms, for error messages and help texts. */
    public static final String FORMS = "accepted: ISO-8601 instant (2026-01-01T00:00:00Z), a duration ago "
            + "(-1h, -30m, -2d, PT1H), epoch millis, earliest, now";
}
