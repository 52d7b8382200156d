package io.rollstream.bench.generate;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Everything one generation benchmark measured, printable as a table. */
public record BenchmarkResult(
        String preset,
        String device,
        long parameters,
        int promptTokens,
        int newTokens,
        double matmulFlopsPerSecond,
        List<BenchmarkRow> rows) {

    public BenchmarkResult {
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(device, "device");
        rows = List.copyOf(rows);
        if (!(matmulFlopsPerSecond > 0)) {
            throw new IllegalArgumentException("matmul FLOP/s must be positive");
        }
    }

    /** A plain-text table: one line per batch size, utilisation = achieved / measured matmul FLOP/s. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "generate benchmark: preset %s (%,d parameters) on %s, prompt width %d, %d new tokens per row%n",
                preset, parameters, device, promptTokens, newTokens));
        out.append(String.format(Locale.ROOT, "measured matmul: %.1f GFLOP/s%n", matmulFlopsPerSecond / 1e9));
        out.append(String.format(Locale.ROOT, "%5s | %12s | %12s | %7s | %10s | %10s | %8s | %8s | %6s | %8s%n",
                "batch", "kv tok/s", "no-kv tok/s", "speedup", "kv GFLOP/s", "nokv GFLOP/s",
                "kv util", "nokv util", "agree", "ops/step"));
        for (BenchmarkRow row : rows) {
            out.append(String.format(Locale.ROOT,
                    "%5d | %12.1f | %12.1f | %6.1fx | %10.2f | %10.2f | %7.1f%% | %7.1f%% | %5.1f%% | %8.1f%n",
                    row.batch(), row.cachedTokensPerSecond(), row.recomputeTokensPerSecond(), row.speedup(),
                    row.cachedFlopsPerSecond() / 1e9, row.recomputeFlopsPerSecond() / 1e9,
                    100 * row.cachedFlopsPerSecond() / matmulFlopsPerSecond,
                    100 * row.recomputeFlopsPerSecond() / matmulFlopsPerSecond,
                    100 * row.tokenAgreement(), row.operatorsPerStep()));
        }
        if (!rows.isEmpty()) {
            out.append(String.format(Locale.ROOT, "libtorch operators per cached step (batch %d): %s%n",
                    rows.get(0).batch(), OperatorCount.describe(rows.get(0).stepOperators())));
        }
        return out.toString();
    }

}
