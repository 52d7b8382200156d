package io.rollstream.bench;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 *   <li>{@code mixes} (default {@code shapes}): the answer mixes, each measured in a run of its own, side by
 *       side</li>
 *   <li>{@code warmupRecords} (int, default 20,000; 0 for none): a backlog of that size on the first mix, with
 *       a 3-second latency phase and the profile on when it is on, is run first and not reported, so no figure
 *       pays for the JVM's warm-up (nor for starting Flight Recorder: the first recording in a JVM stalled its
 *       stack's grader for seconds, and that stack graded at a third of the rate of the next)</li>
 *   <li>{@code profile} (default on): sample the stream threads with Java Flight Recorder while they drain the
 *       backlog, and print where their time went</li>
 * </ul>
 */
public record GraderBenchConfig(int records, int seconds, int rate, int threads, int maxAttempts, int questions,
                                long seed, List<AnswerMix> mixes, int rounds, int warmupRecords, boolean profile) {

    public GraderBenchConfig {
        mixes = List.copyOf(mixes);
        if (mixes.isEmpty()) {
            throw new IllegalArgumentException("at least one answer mix is needed");
        }
        if (new HashSet<>(mixes).size() != mixes.size()) {
            throw new IllegalArgumentException("an answer mix is named twice: " + mixes.stream().map(AnswerMix::id)
                    .toList());
        }
        requirePositive("records", records);
        requirePositive("seconds", seconds);
        requirePositive("rate", rate);
        requirePositive("threads", threads);
        requirePositive("maxAttempts", maxAttempts);
        requirePositive("questions", questions);
        requirePositive("rounds", rounds);
        if (warmupRecords < 0) {
            throw new IllegalArgumentException("warmupRecords must be >= 0, got " + warmupRecords);
        }
    }

    /** The default number of grader threads on this machine. */
    public static int defaultThreads() {
        return Math.min(Runtime.getRuntime().availableProcessors(), 4);
    }

    /** The settings of the unreported warm-up run: its backlog, a short latency phase, the first mix. */
    public GraderBenchConfig warmup() {
        return new GraderBenchConfig(Math.max(warmupRecords, 1), Math.min(seconds, 3), rate, threads,
                maxAttempts, questions, seed + 2, List.of(mixes.get(0)), 1, 0, profile);
    }

    /** The settings in print order. */
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("records", records);
        map.put("latencySeconds", seconds);
        map.put("latencyRate", rate + " attempts/s");
        map.put("graderThreads", threads);
        map.put("maxAttempts", maxAttempts);
        map.put("questions", questions + " per mix (MATH-500: those the checker grades as scripted)");
        map.put("mixes", String.join(", ", mixes.stream().map(m -> m.id() + " (" + m.description() + ")")
                .toList()));
        map.put("rounds", rounds == 1 ? "1" : rounds + ", the mixes in turn forwards then backwards (A B, B A, ...),"
                + " so a drift over the run weighs on every mix alike; figures pool the rounds");
        map.put("warmup", warmupRecords == 0 ? "none" : String.format(Locale.ROOT, "%,d attempts of %s, not reported",
                warmupRecords, mixes.get(0).id()));
        map.put("profile", profile ? "JFR samples of the stream threads every "
                + StreamThreadProfile.PERIOD.toMillis() + " ms while they drain the backlog" : "off");
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
