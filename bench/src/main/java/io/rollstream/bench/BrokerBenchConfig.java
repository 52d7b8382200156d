package io.rollstream.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings of {@code rollstream bench broker}.
 *
 * <ul>
 *   <li>{@code records} (long, default 100,000): attempt records produced and consumed back, and the record count
 *       given to Kafka's ProducerPerformance</li>
 *   <li>{@code threads} (int, default 1): producers sending our records at once (ProducerPerformance has one)</li>
 *   <li>{@code poolSize} (int, default 1,000): distinct serialized attempts cycled through</li>
 *   <li>{@code seed} (long, default 42): seed of the attempt workload</li>
 *   <li>{@code producerOverrides} (map, default empty): Kafka producer settings applied after acks=all and
 *       idempotence, to our producers and to ProducerPerformance alike (e.g. batch.size, linger.ms)</li>
 * </ul>
 */
public record BrokerBenchConfig(long records, int threads, int poolSize, long seed,
                                Map<String, String> producerOverrides) {

    public BrokerBenchConfig {
        if (records < 1) {
            throw new IllegalArgumentException("records must be >= 1, got " + records);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be >= 1, got " + poolSize);
        }
        producerOverrides = Map.copyOf(producerOverrides);
    }

    /** The settings in print order. */
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("records", records);
        map.put("producerThreads", threads);
        map.put("distinctAttempts", poolSize);
        map.put("seed", seed);
        map.put("producer", "acks=all, enable.idempotence=true, " + (producerOverrides.isEmpty()
                ? "other settings Kafka's defaults" : "then " + new TreeMap<>(producerOverrides)));
        map.put("consumer", "one consumer, all partitions assigned, Kafka's defaults");
        map.put("broker", "embedded single KRaft broker, topic rl-attempts-v1 (4 partitions)");
        return map;
    }
}
