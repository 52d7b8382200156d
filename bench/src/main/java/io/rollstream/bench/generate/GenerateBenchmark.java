package io.rollstream.bench.generate;

import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.LeftPadding;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.sampling.Generation;
import io.rollstream.policy.sampling.Generator;
import io.rollstream.policy.sampling.SamplingParams;
import io.rollstream.policy.tokenizer.ChatMessage;
import io.rollstream.policy.tokenizer.CharTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Measures sampling throughput with and without the KV cache on the same prompts, every row forced to the
 * full token count (no early stop), alongside the device's measured matmul rate and the FLOP/s the model
 * achieved, so the speed-up and the utilisation are both visible.
 */
public final class GenerateBenchmark {

    /**
     * What to measure: model preset, batch sizes, tokens per row, timed runs per mode and batch (the fastest
     * counts), device and seed.
     */
    public record Config(
            String preset, List<Integer> batchSizes, int newTokens, int repeats, DeviceChoice device, long seed) {

        public Config {
            ModelConfig.preset(preset);
            batchSizes = List.copyOf(batchSizes);
            if (batchSizes.isEmpty() || batchSizes.stream().anyMatch(b -> b <= 0)) {
                throw new IllegalArgumentException("batch sizes must be positive, got " + batchSizes);
            }
            if (newTokens <= 0 || repeats <= 0) {
                throw new IllegalArgumentException("newTokens and repeats must be positive");
            }
            Objects.requireNonNull(device, "device");
        }

        /** The reported configuration: small preset, batches 1, 16 and 64, 128 new tokens. */
        public static Config defaults() {
            return new Config("small", List.of(1, 16, 64), 128, 2, DeviceChoice.AUTO, 7L);
        }
    }

    private static final int PROFILED_STEPS = 4;
    private static final int PROFILED_EXTRA_STEPS = 8;

    private GenerateBenchmark() {}

    /** Runs the benchmark; a randomly initialised model does the same work per token as a trained one. */
    public static BenchmarkResult run(Config config) {
        CharTokenizer tokenizer = CharTokenizer.standard();
        ModelConfig modelConfig = ModelConfig.preset(config.preset());
        try (PolicyModel model = PolicyModel.create(modelConfig, config.device(), config.seed())) {
            double matmul = MatmulProbe.measure(model.device(), 1024, 1.0);
            Generator cached = new Generator(model, tokenizer).ignoringStops();
            Generator recomputed = cached.withoutKvCache();
            SamplingParams params = new SamplingParams(1f, 1f, config.newTokens(), config.seed());
            // Full-length warm-up runs let the JIT compile the per-step Java path and the native allocator
            // settle; cached decoding is dominated by that per-step overhead, so it gets more of them.
            List<int[]> warmUp = prompts(tokenizer, 1);
            for (int i = 0; i < 5; i++) {
                cached.generate(warmUp, params);
            }
            recomputed.generate(warmUp, params);
            List<BenchmarkRow> rows = new ArrayList<>();
            int width = 0;
            for (int batch : config.batchSizes()) {
                List<int[]> prompts = prompts(tokenizer, batch);
                width = LeftPadding.width(prompts);
                if (width + config.newTokens() > modelConfig.maxContext()) {
                    throw new IllegalArgumentException("prompts of " + width + " tokens plus " + config.newTokens()
                            + " new ones exceed the context of " + modelConfig.maxContext());
                }
                rows.add(measure(modelConfig, cached, recomputed, prompts, params, width, config.repeats()));
            }
            return new BenchmarkResult(config.preset(), model.device().toString(), model.parameterCount(),
                    width, config.newTokens(), matmul, rows);
        }
    }

    private static BenchmarkRow measure(ModelConfig modelConfig, Generator cached, Generator recomputed,
            List<int[]> prompts, SamplingParams params, int width, int repeats) {
        int batch = prompts.size();
        int steps = params.maxNewTokens();
        List<List<Generation>> outputs = new ArrayList<>();
        double cachedSeconds = fastest(cached, prompts, params, repeats, outputs);
        double recomputeSeconds = fastest(recomputed, prompts, params, repeats, outputs);
        List<Generation> fast = outputs.get(0);
        List<Generation> slow = outputs.get(repeats);
        double tokens = (double) batch * steps;
        return new BenchmarkRow(batch, cachedSeconds, recomputeSeconds,
                tokens / cachedSeconds, tokens / recomputeSeconds,
                FlopCount.cached(modelConfig, batch, width, steps) / cachedSeconds,
                FlopCount.recomputed(modelConfig, batch, width, steps) / recomputeSeconds,
                agreement(fast, slow), stepOperators(cached, prompts, params));
    }

    /**
     * The libtorch operators one cached decoding step calls, by name: two profiled runs (apart from the timed
     * ones, which the profiler would slow) that differ only in {@link #PROFILED_EXTRA_STEPS} more steps.
     */
    private static Map<String, Double> stepOperators(Generator cached, List<int[]> prompts, SamplingParams params) {
        return NativeProfile.perStep(steps -> cached.generate(prompts,
                new SamplingParams(params.temperature(), params.topP(), steps, params.seed())),
                PROFILED_STEPS, PROFILED_EXTRA_STEPS);
    }

    private static double fastest(Generator generator, List<int[]> prompts, SamplingParams params, int repeats,
            List<List<Generation>> outputs) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            long begin = System.nanoTime();
            outputs.add(generator.generate(prompts, params));
            best = Math.min(best, (System.nanoTime() - begin) / 1e9);
        }
        return best;
    }

    private static double agreement(List<Generation> a, List<Generation> b) {
        long same = 0;
        long total = 0;
        for (int row = 0; row < a.size(); row++) {
            int[] x = a.get(row).tokenIds();
            int[] y = b.get(row).tokenIds();
            for (int i = 0; i < Math.max(x.length, y.length); i++) {
                total++;
                if (i < x.length && i < y.length && x[i] == y[i]) {
                    same++;
                }
            }
        }
        return total == 0 ? 1.0 : (double) same / total;
    }

    /** Short arithmetic prompts in the demo's template, varied so rows pad differently. */
    static List<int[]> prompts(CharTokenizer tokenizer, int count) {
        List<int[]> prompts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String question = "What is " + (7 + 13 * i % 90) + " + " + (3 + 29 * i % 900) + "?";
            prompts.add(tokenizer.encodePrompt(List.of(
                    ChatMessage.system("Put the final answer in \\boxed{}."), ChatMessage.user(question)), null));
        }
        return prompts;
    }

    /** Arguments: [preset] [newTokens] [comma-separated batch sizes]; prints the table. */
    public static void main(String[] args) {
        Config defaults = Config.defaults();
        String preset = args.length > 0 ? args[0] : defaults.preset();
        int newTokens = args.length > 1 ? Integer.parseInt(args[1]) : defaults.newTokens();
        List<Integer> batches = args.length > 2
                ? Arrays.stream(args[2].split(",")).map(String::trim).map(Integer::valueOf).toList()
                : defaults.batchSizes();
        Config config = new Config(preset, batches, newTokens, defaults.repeats(), defaults.device(), defaults.seed());
        System.out.print(run(config).table());
    }
}
