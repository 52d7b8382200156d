package io.rollstream.cli.bench;

import io.rollstream.bench.MachineInfo;
import io.rollstream.bench.model.ModelBenchConfig;
import io.rollstream.bench.model.ModelBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rollstream bench model}: a checkpoint's load time, memory and decode speed in DJL beside llama.cpp. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {
                "Load time, resident memory and KV-cache decode tokens/s of a Llama or Qwen2 checkpoint (a "
                        + ".gguf file or a Hugging Face folder) in DJL, and of the same .gguf through llama.cpp in "
                        + "the same run, with the ratio."})
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

    @Override
    public Integer call() throws Exception {
        if (model == null || !Files.exists(model)) {
            throw new ParameterException(spec.commandLine(), "--model: no checkpoint at " + model);
        }
        ModelBenchConfig config;
        try {
            // llama.cpp reads GGUF files only; a Hugging Face folder is measured in DJL alone.
            config = new ModelBenchConfig(model, batches, newTokens, threads, Files.isRegularFile(model));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        spec.commandLine().getErr().printf("bench model: %s, %s%n", model, MachineInfo.current().describe());
        spec.commandLine().getOut().print(ModelBenchmark.run(config).table());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
