package io.rollstream.bench.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The timings of {@code bench model}'s PPO updates and the arithmetic over them. An update trains
 * {@code sequences * (tokens - promptTokens)} response tokens; its FLOPs are taken as {@code 6 * parameters *
 * sequences * tokens} (forward 2, backward 4 per weight and token; attention scores left out), and the achieved
 * rate is compared with a dense matmul measured in the same run.
 *
 * @param parameters    scalar weights of the model, critic included
 * @param warmUpSeconds the first update, which also allocates the optimiser's moments
 * @param updateSeconds the measured updates, in order
 * @param matmulFlops   FLOP/s of a dense float32 matmul on the same device
 */
public record PpoUpdateResult(int sequences, int tokens, int promptTokens, long parameters, double warmUpSeconds,
        List<Double> updateSeconds, double matmulFlops) {

    public PpoUpdateResult {
        updateSeconds = List.copyOf(updateSeconds);
        if (updateSeconds.isEmpty()) {
            throw new IllegalArgumentException("at least one measured update is required");
        }
        if (promptTokens < 1 || promptTokens >= tokens) {
            throw new IllegalArgumentException("prompt tokens must be in [1, " + tokens + "), got " + promptTokens);
        }
    }

    /** Median of the measured updates (the mean of the middle two for an even count). */
    public double medianSeconds() {
        double[] sorted = updateSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Response tokens one update trains. */
    public long trainedTokens() {
        return (long) sequences * (tokens - promptTokens);
    }

    /** Estimated FLOPs of one update: 6 per weight and token, over every token of every sequence. */
    public double updateFlops() {
        return 6.0 * parameters * sequences * tokens;
    }

    /** Trained tokens per second of an update that took {@code seconds}. */
    public double trainedTokensPerSecond(double seconds) {
        return trainedTokens() / seconds;
    }

    /** Achieved FLOP/s of an update that took {@code seconds}, as a fraction of the matmul rate. */
    public double matmulFraction(double seconds) {
        return updateFlops() / seconds / matmulFlops;
    }

    /** The table's lines: the setting, one row for the warm-up and one for the median, the matmul probe. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "PPO update (ours, DJL fp32): %d sequences x %d tokens (%d prompt + %d "
                + "trained); forward with gradients, backward, one Adam step%n", sequences, tokens, promptTokens,
                tokens - promptTokens));
        out.append(String.format(Locale.ROOT, "%-22s %8s %14s %10s %10s%n", "update", "seconds", "trained tok/s",
                "GFLOP/s", "of matmul"));
        row(out, "warm-up", warmUpSeconds);
        row(out, "median of " + updateSeconds.size(), medianSeconds());
        out.append(String.format(Locale.ROOT, "measured updates (s): %s%n", Arrays.toString(
                updateSeconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toArray())));
        out.append(String.format(Locale.ROOT, "matmul probe: %.1f GFLOP/s; an update is ~6 x %,d parameters x %,d "
                + "tokens = %.1f GFLOP%n", matmulFlops / 1e9, parameters, (long) sequences * tokens,
                updateFlops() / 1e9));
        return out.toString();
    }

    private void row(StringBuilder out, String label, double seconds) {
        out.append(String.format(Locale.ROOT, "%-22s %8.2f %14.1f %10.2f %9.1f%%%n", label, seconds,
                trainedTokensPerSecond(seconds), updateFlops() / seconds / 1e9, 100 * matmulFraction(seconds)));
    }
}
