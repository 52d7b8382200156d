package io.rollstream.bench.generate;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generation throughput at one batch size, with and without the KV cache, and the FLOP/s each achieved
 * (executed operations per second, see {@link FlopCount}); {@code tokenAgreement} is the fraction of positions
 * where both modes sampled the same token from the same seed; {@code stepOperators} counts the libtorch
 * operators one cached decoding step calls, by name (see {@link OperatorCount}).
 */
public record BenchmarkRow(
        int batch,
        double cachedSeconds,
        double recomputeSeconds,
        double cachedTokensPerSecond,
        double recomputeTokensPerSecond,
        double cachedFlopsPerSecond,
        double recomputeFlopsPerSecond,
        double tokenAgreement,
        Map<String, Double> stepOperators) {

    public BenchmarkRow {
        stepOperators = Collections.unmodifiableMap(new TreeMap<>(stepOperators));
        if (batch <= 0 || !(cachedSeconds > 0) || !(recomputeSeconds > 0)) {
            throw new IllegalArgumentException("batch and timings must be positive");
        }
    }

    /** Cached over recomputed tokens per second. */
    public double speedup() {
        return cachedTokensPerSecond / recomputeTokensPerSecond;
    }

    /** Operator calls per cached decoding step, all names together. */
    public double operatorsPerStep() {
        return stepOperators.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
