package io.rollstream.learner.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The learner's metrics, namespaced ({@code reward/mean}, {@code policy/clip-fraction}, {@code dropped/stale}):
 * the latest value of each is a Micrometer gauge named {@code rollstream.learner.<name with dots>}, and every
 * update's values are one JSON line of {@code metrics.jsonl}. Running totals are kept as counters here so
 * they survive restarts through the checkpoint.
 */
public final class LearnerMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MeterRegistry registry;
    private final Map<String, Double> latest = new ConcurrentHashMap<>();
    private final Map<String, Long> counters = new ConcurrentHashMap<>();

    public LearnerMetrics(MeterRegistry registry, Map<String, Long> restoredCounters) {
        this.registry = registry;
        restoredCounters.forEach(this::setCounter);
    }

    /** Adds to a running total. */
    public void increment(String name, long by) {
        counters.merge(name, by, Long::sum);
        set(name, counters.get(name));
    }

    /** A running total. */
    public long counter(String name) {
        return counters.getOrDefault(name, 0L);
    }

    /** All running totals, for the checkpoint. */
    public Map<String, Long> counters() {
        return Map.copyOf(counters);
    }

    /** Records the latest value of a metric. */
    public void set(String name, double value) {
        if (latest.put(name, value) == null) {
            Gauge.builder("rollstream.learner." + name.replace('/', '.'), latest, m -> m.getOrDefault(name, Double.NaN))
                    .register(registry);
        }
    }

    /** One metrics.jsonl line: the update, its values and every running total. */
    public String line(long update, long version, Map<String, Double> values) {
        values.forEach(this::set);
        ObjectNode node = JSON.createObjectNode();
        node.put("update", update);
        node.put("version", version);
        node.put("time", System.currentTimeMillis());
        Map<String, Double> sorted = new LinkedHashMap<>(values);
        sorted.forEach((k, v) -> node.put(k, Double.isFinite(v) ? v : null));
        new java.util.TreeMap<>(counters).forEach(node::put);
        return node.toString();
    }

    private void setCounter(String name, long value) {
        counters.put(name, value);
        set(name, value);
    }
}
