package io.rollstream.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of {@code rollstream bench serde}.
 *
 * <ul>
 *   <li>{@code records} (long, default 200,000): timed serialize+deserialize round trips, over all threads</li>
 *   <li>{@code seconds} (int, default 0 = off): when positive, time this many seconds instead of {@code records}</li>
 *   <li>{@code warmupRecords} (long, default 100,000): untimed round trips first, per thread, so the JIT has
 *       compiled the Avro paths before the clock starts</li>
 *   <li>{@code threads} (int, default 1): threads doing round trips at once, sharing one serializer and one
 *       deserializer as a producer and a consumer do</li>
 *   <li>{@code poolSize} (int, default 512): distinct attempts cycled through</li>
 *   <li>{@code seed} (long, default 42): seed of the attempt workload</li>
 * </ul>
 */
public record SerdeBenchConfig(long records, int seconds, long warmupRecords, int threads, int poolSize, long seed) {

    public SerdeBenchConfig {
        if (records < 1) {
            throw new IllegalArgumentException("records must be >= 1, got " + records);
        }
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must be >= 0 (0 = use records), got " + seconds);
        }
        if (warmupRecords < 0) {
            throw new IllegalArgumentException("warmupRecords must be >= 0, got " + warmupRecords);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be >= 1, got " + poolSize);
        }
    }

    /** The settings in print order. */
    public Map<String, Object> describe() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (seconds > 0) {
            map.put("timed", seconds + " s");
        } else {
            map.put("records", records);
        }
        map.put("warmupRecordsPerThread", warmupRecords);
        map.put("threads", threads);
        map.put("distinctAttempts", poolSize);
        map.put("seed", seed);
        map.put("record", "Attempt, " + AttemptWorkload.RESPONSE_CHARS + "-char response, 1 id + 1 log-prob per token"
                + " (character tokenizer), prompt of 2-6 messages");
        map.put("serde", "Confluent wire format (magic byte + schema id + Avro binary), in-memory registry client");
        return map;
    }
}
