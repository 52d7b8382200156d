package io.rollstream.learner.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The learner's metrics, namespaced ({@code reward/mean}, {@code policy/clip-fraction}, {@code dropped/stale}):
 * every update's values are one JSON line of {@code metrics.jsonl} under these keys, and each key is one Micrometer
 * meter named by {@link #meterName(String)}: {@code policy/clip-fraction} is the gauge
 * {@code rollstream.learner.policy.clip.fraction} (Prometheus {@code rollstream_learner_policy_clip_fraction}),
 * {@code accuracy/attempt-2} the gauge {@code rollstream.learner.accuracy} tagged {@code attempt=2}, and a running
 * total such as {@code trajectories/used} the counter {@code rollstream_learner_trajectories_used_total}. Running
 * totals are kept here so they survive restarts through the checkpoint.
 */
public final class LearnerMetrics implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "rollstream.learner.";
    private static final Pattern PER_ATTEMPT = Pattern.compile("(.+)/attempt-(\\d+)");

    private final MeterRegistry registry;
    private final Map<String, Double> latest = new ConcurrentHashMap<>();
    private final Map<String, Long> counters = new ConcurrentHashMap<>();
    private final List<KafkaClientMetrics> clients = new ArrayList<>();

    public LearnerMetrics(MeterRegistry registry, Map<String, Long> restoredCounters) {
        this.registry = registry;
        restoredCounters.forEach(this::setCounter);
    }

    /** The meter name of a metric key: {@code rollstream.learner.} and the key with '/' and '-' as dots. */
    static String meterName(String key) {
        Matcher perAttempt = PER_ATTEMPT.matcher(key);
        String base = perAttempt.matches() ? perAttempt.group(1) : key;
        return PREFIX + base.replace('/', '.').replace('-', '.');
    }

    private static Tags meterTags(String key) {
        Matcher perAttempt = PER_ATTEMPT.matcher(key);
        return perAttempt.matches() ? Tags.of("attempt", perAttempt.group(2)) : Tags.empty();
    }

    /** Adds to a running total. */
    public void increment(String name, long by) {
        if (counters.merge(name, by, Long::sum) == by) {
            registerCounter(name);
        }
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
            Gauge.builder(meterName(name), latest, m -> m.getOrDefault(name, Double.NaN)).tags(meterTags(name))
                    .register(registry);
        }
    }

    /**
     * A gauge read from {@code value} at every scrape, e.g. the policy version being trained. The gauge holds
     * {@code value} strongly: Micrometer's default weak reference lets a lambda nobody else holds be collected, and
     * the gauge then reads NaN.
     */
    void track(String name, LongSupplier value) {
        Gauge.builder(meterName(name), value, v -> v.getAsLong()).tags(meterTags(name)).strongReference(true)
                .register(registry);
    }

    /** Exports a Kafka client's own metrics (fetch lag among them) until {@link #close()}. */
    void bindClient(Consumer<?, ?> consumer) {
        KafkaClientMetrics metrics = new KafkaClientMetrics(consumer);
        metrics.bindTo(registry);
        clients.add(metrics);
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

    @Override
    public void close() {
        clients.forEach(KafkaClientMetrics::close);
        clients.clear();
    }

    private void setCounter(String name, long value) {
        counters.put(name, value);
        registerCounter(name);
    }

    private void registerCounter(String name) {
        FunctionCounter.builder(meterName(name), counters, m -> m.getOrDefault(name, 0L)).tags(meterTags(name))
                .register(registry);
    }
}
