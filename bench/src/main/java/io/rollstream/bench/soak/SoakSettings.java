package io.rollstream.bench.soak;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a soak runs with.
 *
 * @param length         the measured part, after the warm-up; feeding stops at its end
 * @param faultEvery     mean time between faults; each gap is drawn from 0.5 to 1.5 times this
 * @param warmUp         time the pipeline runs before the first heap figure and the first fault
 * @param actors         actors serving the policy
 * @param queue          episodes kept open: the feeder tops up whenever fewer are in flight
 * @param attemptTimeout how long the grader lets an episode wait for its next attempt
 * @param seed           seed of the fed episodes, the actors' sampling and the fault schedule
 */
public record SoakSettings(Duration length, Duration faultEvery, Duration warmUp, int actors, int queue,
                           Duration attemptTimeout, long seed) {

    public SoakSettings {
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(faultEvery, "faultEvery");
        Objects.requireNonNull(warmUp, "warmUp");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("the soak must last longer than 0, got " + length);
        }
        if (faultEvery.compareTo(Duration.ofSeconds(5)) < 0) {
            throw new IllegalArgumentException("--fault-every must be at least 5 s, got " + faultEvery);
        }
        if (warmUp.isNegative()) {
            throw new IllegalArgumentException("--warm-up must not be negative, got " + warmUp);
        }
        if (actors < 1) {
            throw new IllegalArgumentException("--actors must be at least 1, got " + actors);
        }
        if (queue < 10) {
            throw new IllegalArgumentException("--queue must be at least 10, got " + queue);
        }
        if (attemptTimeout.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("the attempt timeout must be at least 1 min, got " + attemptTimeout);
        }
    }

    /** The settings as printed in the header and written to the JSON report. */
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("length", length.toString());
        map.put("fault every", faultEvery + " on average (0.5-1.5x, seeded)");
        map.put("warm-up", warmUp.toString());
        map.put("cluster", "3 embedded KRaft nodes, replication 3, min.insync.replicas 2");
        map.put("actors", actors + " (tiny preset, untrained, " + SoakFeed.MAX_NEW_TOKENS + " new tokens)");
        map.put("queue", queue + " episodes in flight (synthetic easy, N in 1..2)");
        map.put("attempt timeout", attemptTimeout.toString());
        map.put("seed", seed);
        return map;
    }
}
