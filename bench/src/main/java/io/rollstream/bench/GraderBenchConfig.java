package io.rollstream.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of {@code rollstream bench grader}.
 *
 * <ul>
 *   <li>{@code records} (int, default 20,000): attempts in the backlog the grader drains for the throughput figure,
 *       and produced and consumed back for the raw figure</li>
 *   <li>{@code seconds} (int, default 20): length of the fixed-load latency phase</li>
 *   <li>{@code rate} (int, default 500): attempts per second offered during the latency phase</li>
 *   <li>{@code threads} (int, default min(cores, 4)): Kafka Streams threads of the grader (the attempts topic has
 *       4 partitions, so more would idle)</li>
 *   <li>{@code maxAttempts} (int, default 3): episodes allow N attempts, N drawn from 1..maxAttempts; 1 makes every
 *       attempt close its episode</li>
 *   <li>{@code questions} (int, default 120): distinct questions (integers, fractions, surds, pairs, polynomials,
 *       decimals)</li>
 *   <li>{@code seed} (long, default 42): seed of the attempt workload</li>
 * </ul>
 */
public record GraderBenchConfig(int records, int seconds, int rate, int threads, int maxAttempts, int questions,
                                long seed) {

    public GraderBenchConfig {
        requirePositive("records", records);
        requirePositive("seconds", seconds);
        requirePositive("rate", rate);
        requirePositive("threads", threads);
        requirePositive("maxAttempts", maxAttempts);
        requirePositive("questions", questions);
    }

    /** The default number of grader threads on this machine. */
    public static int defaultThreads() {
        return Math.min(Runtime.getRuntime().availableProcessors(), 4);
    }

    /** The settings in print order. */
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("records", records);
        map.put("latencySeconds", seconds);
        map.put("latencyRate", rate + " attempts/s");
        map.put("graderThreads", threads);
        map.put("maxAttempts", maxAttempts);
        map.put("questions", questions);
        map.put("seed", seed);
        map.put("answers", "25% ground truth as written, 20% equivalent form, 35% wrong, 20% unboxed");
        map.put("grader", "GraderApp in this JVM, exactly_once_v2, Kafka Streams defaults (commit every 100 ms)");
        map.put("broker", "embedded single KRaft broker and schema registry");
        return map;
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }
}
