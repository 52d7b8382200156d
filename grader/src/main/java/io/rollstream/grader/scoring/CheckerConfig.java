package io.rollstream.grader.scoring;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the answer checker.
 *
 * <ul>
 *   <li>{@code maxInputChars} (int, default 16384): the longest response or ground truth, in chars, that is
 *       graded at all; longer input is Unscorable before any parsing.</li>
 *   <li>{@code timeLimit} (Duration, default 2 s): the wall-clock budget of one {@code grade} call, computer
 *       algebra included; when it runs out the verdict is Unscorable.</li>
 *   <li>{@code algebraThreads} (int, default 2): daemon threads that run the computer algebra; work stuck in
 *       the algebra library keeps its thread, so when all are stuck further symbolic checks are Unscorable.</li>
 * </ul>
 */
public record CheckerConfig(int maxInputChars, Duration timeLimit, int algebraThreads) {

    public static final int DEFAULT_MAX_INPUT_CHARS = 16 * 1024;
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(2);
    public static final int DEFAULT_ALGEBRA_THREADS = 2;

    public CheckerConfig {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (maxInputChars < 1) {
            throw new IllegalArgumentException("maxInputChars must be at least 1, got " + maxInputChars);
        }
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive, got " + timeLimit);
        }
        if (algebraThreads < 1) {
            throw new IllegalArgumentException("algebraThreads must be at least 1, got " + algebraThreads);
        }
    }

    /** 16 KiB of input, 2 seconds per answer, two algebra threads. */
    public static CheckerConfig defaults() {
        return new CheckerConfig(DEFAULT_MAX_INPUT_CHARS, DEFAULT_TIME_LIMIT, DEFAULT_ALGEBRA_THREADS);
    }
}
