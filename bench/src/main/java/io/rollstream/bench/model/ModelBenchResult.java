package io.rollstream.bench.model;

import io.rollstream.bench.generate.OperatorCount;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one {@code bench model} run measured: load time and resident-memory growth of each engine, and decode
 * throughput (generated tokens per second over the whole batch, prompt prefill included) per batch size.
 *
 * @param stepOperators  the libtorch operators one of our decoding steps calls at batch 1, by name
 * @param llamaCppOrNull llama.cpp's figures on the same file, or null when it was not run
 * @param ppoOrNull      our model's PPO update timings, or null when they were skipped
 * @param loadAverage the machine's load averages before and after the run (its cores may be shared)
 */
public record ModelBenchResult(String checkpoint, long parameters, int promptTokens, int newTokens,
        Engine ours, Map<String, Double> stepOperators, Engine llamaCppOrNull, PpoUpdateResult ppoOrNull,
        String loadAverage) {

    /** One engine's figures; {@code tokensPerSecond} maps batch size to throughput. */
    public record Engine(String name, double loadSeconds, long residentBytes, Map<Integer, Double> tokensPerSecond) {

        public Engine {
            tokensPerSecond = Map.copyOf(tokensPerSecond);
        }
    }

    public ModelBenchResult {
        if (ours == null) {
            throw new IllegalArgumentException("our engine's figures are required");
        }
        stepOperators = Map.copyOf(stepOperators);
    }

    /** Ours divided by llama.cpp's batch-1 throughput, for each of our batch sizes. */
    public Map<Integer, Double> ratioToLlamaCpp() {
        if (llamaCppOrNull == null || !llamaCppOrNull.tokensPerSecond().containsKey(1)) {
            return Map.of();
        }
        double reference = llamaCppOrNull.tokensPerSecond().get(1);
        java.util.TreeMap<Integer, Double> ratios = new java.util.TreeMap<>();
        ours.tokensPerSecond().forEach((batch, rate) -> ratios.put(batch, rate / reference));
        return ratios;
    }

    /** A plain-text table, one line per engine and batch size, the ratios, then the PPO update's rows. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "model benchmark: %s (%,d parameters), prompt %d tokens, %d new tokens "
                + "per row%n", checkpoint, parameters, promptTokens, newTokens));
        out.append(String.format(Locale.ROOT, "load average (1, 5, 15 min) before -> after: %s%n", loadAverage));
        out.append(String.format(Locale.ROOT, "%-22s %8s %10s %6s %12s%n", "engine", "load s", "RSS MiB", "batch",
                "decode tok/s"));
        for (Engine engine : llamaCppOrNull == null ? List.of(ours) : List.of(ours, llamaCppOrNull)) {
            new java.util.TreeMap<>(engine.tokensPerSecond()).forEach((batch, rate) -> out.append(String.format(
                    Locale.ROOT, "%-22s %8.2f %10.0f %6d %12.1f%n", engine.name(), engine.loadSeconds(),
                    engine.residentBytes() / (1024.0 * 1024.0), batch, rate)));
        }
        ratioToLlamaCpp().forEach((batch, ratio) -> out.append(String.format(Locale.ROOT,
                "ratio ours(batch %d) / llama.cpp(batch 1): %.2f%n", batch, ratio)));
        if (!stepOperators.isEmpty()) {
            out.append("ours: libtorch operators per decoding step (batch 1): ")
                    .append(OperatorCount.describe(stepOperators)).append(System.lineSeparator());
        }
        if (ppoOrNull != null) {
            out.append(ppoOrNull.table());
        }
        return out.toString();
    }
}
