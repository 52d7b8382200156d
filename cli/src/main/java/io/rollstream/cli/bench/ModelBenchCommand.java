package io.rollstream.cli.bench;

import io.rollstream.bench.MachineInfo;
import io.rollstream.bench.model.ModelBenchConfig;
import io.rollstream.bench.model.ModelBenchmark;
import io.rollstream.bench.model.PpoBenchConfig;
import io.rollstream.policy.llama.LlamaCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rollstream bench model}: a checkpoint's load time, memory and decode speed in DJL beside llama.cpp, and
 * the time of a PPO update in DJL.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {
                "Load time, resident memory and KV-cache decode tokens/s of a Llama or Qwen2 checkpoint (a "
                        + ".gguf file or a Hugging Face folder) in DJL, and of the same .gguf through llama.cpp in "
                        + "the same run, with the ratio.",
                "Then, on a fresh copy of the model in DJL, PPO updates of one batch of full-length sequences, "
                        + "each one optimiser step as the learner takes per minibatch (the PPO preset's clipped "
                        + "surrogate, clipped value loss and KL; forward with gradients, backward, gradient "
                        + "clipping, one Adam step): the warm-up update and the median of the measured ones, with "
                        + "trained tokens/s and the share of a matmul rate measured in the same run."})
public final class ModelBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "PATH", required = true,
            defaultValue = "${env:ROLLSTREAM_SMOLLM2_GGUF}",
            description = "Checkpoint to measure (env ROLLSTREAM_SMOLLM2_GGUF, which .ci/run sets to SmolLM2-135M).")
    private Path model;

    @Option(names = "--batch", paramLabel = "N[,N...]", split = ",", defaultValue = "1,16",
            description = "Batch sizes to decode (default: ${DEFAULT-VALUE}).")
    private List<Integer> batches;

    @Option(names = "--new-tokens", paramLabel = "N", defaultValue = "64",
            description = "Tokens generated per row (default: ${DEFAULT-VALUE}).")
    private int newTokens;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "Threads llama.cpp may use (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--ppo-sequences", paramLabel = "N", defaultValue = "8",
            description = "Sequences in the PPO update's batch (default: ${DEFAULT-VALUE}).")
    private int ppoSequences;

    @Option(names = "--ppo-tokens", paramLabel = "N", defaultValue = "128",
            description = "Tokens per PPO sequence: a prefix of the chat prompt (at most half) and fixed "
                    + "response ids, which are trained (default: ${DEFAULT-VALUE}).")
    private int ppoTokens;

    @Option(names = "--ppo-updates", paramLabel = "N", defaultValue = "3",
            description = "Measured PPO updates after the warm-up one; their median is reported "
                    + "(default: ${DEFAULT-VALUE}).")
    private int ppoUpdates;

    @Option(names = "--no-ppo", description = "Skip the PPO update.")
    private boolean noPpo;

    @Override
    public Integer call() throws Exception {
        if (model == null || !Files.exists(model)) {
            throw new ParameterException(spec.commandLine(), "--model: no checkpoint at " + model);
        }
        ModelBenchConfig config;
        try {
            // llama.cpp reads GGUF files only; a Hugging Face folder is measured in DJL alone.
            config = new ModelBenchConfig(model, batches, newTokens, threads, Files.isRegularFile(model),
                    noPpo ? null : ppoConfig());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (config.ppoOrNull() != null) {
            // Checked before the minutes of loading and decoding that precede the PPO update.
            int context = LlamaCheckpoint.open(model).config().maxContext();
            if (ppoTokens > context) {
                throw new ParameterException(spec.commandLine(), "--ppo-tokens " + ppoTokens
                        + " exceeds the checkpoint's context of " + context + " tokens");
            }
        }
        spec.commandLine().getErr().printf("bench model: %s, %s%n", model, MachineInfo.current().describe());
        spec.commandLine().getOut().print(ModelBenchmark.run(config).table());
        spec.commandLine().getOut().flush();
        return 0;
    }

    private PpoBenchConfig ppoConfig() {
        atLeast("--ppo-sequences", ppoSequences, 1);
        atLeast("--ppo-tokens", ppoTokens, 2);
        atLeast("--ppo-updates", ppoUpdates, 1);
        return new PpoBenchConfig(ppoSequences, ppoTokens, ppoUpdates);
    }

    private void atLeast(String option, int value, int least) {
        if (value < least) {
            throw new ParameterException(spec.commandLine(), option + " must be at least " + least + ", got " + value);
        }
    }
}
