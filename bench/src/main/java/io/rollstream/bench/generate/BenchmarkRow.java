package io.rollstream.bench.generate;

/**
 * Generation throughput at one batch size, with and without the KV cache, and the FLOP/s each achieved
 * (executed operations per second, see {@link FlopCount}); {@code tokenAgreement} is the fraction of positions
 * where both modes sampled the same token from the same seed.
 */
public record BenchmarkRow(
        int batch,
        double cachedSeconds,
        double recomputeSeconds,
        double cachedTokensPerSecond,
        double recomputeTokensPerSecond,
        double cachedFlopsPerSecond,
        double recomputeFlopsPerSecond,
        double tokenAgreement) {

    public BenchmarkRow {
        if (batch <= 0 || !(cachedSeconds > 0) || !(recomputeSeconds > 0)) {
            throw new IllegalArgumentException("batch and timings must be positive");
        }
    }

    /** Cached over recomputed tokens per second. */
    public double speedup() {
        return cachedTokensPerSecond / recomputeTokensPerSecond;
    }
}
