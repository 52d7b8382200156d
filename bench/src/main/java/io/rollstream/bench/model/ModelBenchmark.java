package io.rollstream.bench.model;

import ai.djl.Device;
import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import io.rollstream.policy.checkpoint.CheckpointException;
import io.rollstream.bench.generate.NativeProfile;
import io.rollstream.policy.llama.LlamaCheckpoint;
import io.rollstream.policy.llama.LlamaGenerator;
import io.rollstream.policy.sampling.SamplingParams;
import io.rollstream.policy.tokenizer.BpeTokenizer;
import io.rollstream.policy.tokenizer.ChatMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bench model}: loads a checkpoint into this module's DJL decoder and decodes with the KV cache at each
 * batch size, then does the same through llama.cpp on the same GGUF file in the same process, so the two are
 * measured on the same machine and moment. Every row generates exactly {@code newTokens} tokens (stops
 * ignored) from the same chat prompt. Decode throughput excludes the prompt: a one-token run (prefill and the
 * first token) is timed too and subtracted, so the rate counts the {@code newTokens - 1} KV-cache steps.
 * Each run is preceded by an untimed warm-up. Unless skipped, PPO updates on a fresh copy of our model are
 * timed last ({@link PpoUpdateBenchmark}). The machine's load average is recorded because the cores are shared.
 */
public final class ModelBenchmark {

    private static final String QUESTION = "If x + y = 10 and x - y = 4, what is x?";

    private ModelBenchmark() {}

    /** Usage: {@code ModelBenchmark <checkpoint> [newTokens]}; prints the table. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ModelBenchmark <model.gguf | hf-folder> [newTokens]");
            System.exit(2);
        }
        ModelBenchConfig defaults = ModelBenchConfig.defaults(Path.of(args[0]));
        ModelBenchConfig config = args.length > 1
                ? new ModelBenchConfig(defaults.checkpoint(), defaults.batchSizes(), Integer.parseInt(args[1]),
                        defaults.threads(), Files.isRegularFile(defaults.checkpoint()), defaults.ppoOrNull())
                : new ModelBenchConfig(defaults.checkpoint(), defaults.batchSizes(), defaults.newTokens(),
                        defaults.threads(), Files.isRegularFile(defaults.checkpoint()), defaults.ppoOrNull());
        System.out.print(run(config).table());
        System.exit(0); // llama.cpp's binding leaves non-daemon threads behind
    }

    /** Runs the benchmark described by {@code config}. */
    public static ModelBenchResult run(ModelBenchConfig config) throws IOException {
        String loadBefore = ProcStats.loadAverage();
        long rssBefore = ProcStats.residentBytes();
        long start = System.nanoTime();
        LlamaCheckpoint checkpoint = LlamaCheckpoint.open(config.checkpoint());
        String prompt = checkpoint.chatTemplate().renderPrompt(List.of(ChatMessage.user(QUESTION)), null);
        Map<Integer, Double> ours = new LinkedHashMap<>();
        long parameters;
        int promptTokens;
        double loadSeconds;
        long resident;
        int[] ids;
        Map<String, Double> stepOperators;
        try (io.rollstream.policy.llama.LlamaModel model =
                        io.rollstream.policy.llama.LlamaModel.load(checkpoint, Device.cpu());
                BpeTokenizer tokenizer = BpeTokenizer.fromJson(checkpoint.tokenizerJson())) {
            loadSeconds = (System.nanoTime() - start) / 1e9;
            resident = ProcStats.residentBytes() - rssBefore;
            parameters = model.parameterCount();
            ids = tokenizer.encode(prompt);
            promptTokens = ids.length;
            LlamaGenerator generator = new LlamaGenerator(model, Set.of());
            SamplingParams params = new SamplingParams(1f, 1f, config.newTokens(), 7L);
            SamplingParams first = new SamplingParams(1f, 1f, 1, 7L);
            for (int batch : config.batchSizes()) {
                List<int[]> prompts = Collections.nCopies(batch, ids);
                generator.generate(prompts, params); // warm-up
                double prefill = seconds(() -> generator.generate(prompts, first));
                double full = seconds(() -> generator.generate(prompts, params));
                ours.put(batch, decodeRate(batch, config.newTokens(), full, prefill));
            }
            // Profiled apart from the timed runs, which the profiler would slow.
            stepOperators = NativeProfile.perStep(steps -> generator.generate(List.of(ids),
                    new SamplingParams(1f, 1f, steps, 7L)), 4, 8);
        }
        ModelBenchResult.Engine oursEngine = new ModelBenchResult.Engine("ours (DJL, fp32)", loadSeconds, resident, ours);
        ModelBenchResult.Engine reference = config.withLlamaCpp() ? llamaCpp(config, prompt) : null;
        PpoUpdateResult ppo = config.ppoOrNull() == null ? null : ppoUpdates(checkpoint, ids, config.ppoOrNull());
        return new ModelBenchResult(config.checkpoint().getFileName().toString(), parameters, promptTokens,
                config.newTokens(), oursEngine, stepOperators, reference, ppo,
                loadBefore + " -> " + ProcStats.loadAverage());
    }

    /**
     * The PPO updates run on a fresh copy of the model after both engines were measured, so the optimiser's
     * memory stays out of their resident-memory figures and the training starts from the checkpoint's weights.
     */
    private static PpoUpdateResult ppoUpdates(LlamaCheckpoint checkpoint, int[] chatPrompt, PpoBenchConfig ppo)
            throws CheckpointException {
        try (io.rollstream.policy.llama.LlamaModel model =
                io.rollstream.policy.llama.LlamaModel.load(checkpoint, Device.cpu())) {
            return PpoUpdateBenchmark.run(model, Device.cpu(), chatPrompt, ppo);
        }
    }

    /** llama.cpp decodes one sequence per request through this binding, so it is measured at batch 1. */
    private static ModelBenchResult.Engine llamaCpp(ModelBenchConfig config, String prompt) throws CheckpointException {
        if (!Files.isRegularFile(config.checkpoint())) {
            throw new CheckpointException(config.checkpoint(), null, "llama.cpp needs a GGUF file");
        }
        long rssBefore = ProcStats.residentBytes();
        long start = System.nanoTime();
        try (LlamaModel model = new LlamaModel(new ModelParameters()
                .setModelFilePath(config.checkpoint().toString()).setNCtx(2048)
                .setNThreads(config.threads()).setNGpuLayers(0))) {
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            long resident = ProcStats.residentBytes() - rssBefore;
            InferenceParameters params = new InferenceParameters(prompt).setTemperature(1f).setTopK(0).setTopP(1f)
                    .setMinP(0f).setRepeatPenalty(1f).setIgnoreEos(true).setNPredict(config.newTokens()).setSeed(7);
            InferenceParameters first = new InferenceParameters(prompt).setTemperature(1f).setTopK(0).setTopP(1f)
                    .setMinP(0f).setRepeatPenalty(1f).setIgnoreEos(true).setNPredict(1).setSeed(7)
                    .setCachePrompt(false);
            params.setCachePrompt(false);
            count(model, params); // warm-up
            double prefill = seconds(() -> count(model, first));
            double full = seconds(() -> {
                int tokens = count(model, params);
                if (tokens < config.newTokens()) { // the stream ends with one empty closing message
                    throw new IllegalStateException("llama.cpp produced " + tokens + " of " + config.newTokens());
                }
            });
            return new ModelBenchResult.Engine("llama.cpp (Q4_1)", loadSeconds, resident,
                    Map.of(1, decodeRate(1, config.newTokens(), full, prefill)));
        }
    }

    /** Tokens per second of the KV-cache steps: rows * (newTokens - 1) over the time beyond the first token. */
    static double decodeRate(int rows, int newTokens, double fullSeconds, double firstTokenSeconds) {
        double steps = Math.max(fullSeconds - firstTokenSeconds, 1e-9);
        return rows * (double) (newTokens - 1) / steps;
    }

    private static double seconds(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static int count(LlamaModel model, InferenceParameters params) {
        List<String> pieces = new ArrayList<>();
        for (LlamaOutput output : model.generate(params)) {
            pieces.add(output.text);
        }
        return pieces.size();
    }
}
