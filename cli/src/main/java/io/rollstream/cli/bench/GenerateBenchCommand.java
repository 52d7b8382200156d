package io.rollstream.cli.bench;

import io.rollstream.cli.ConfigErrors;
import io.rollstream.bench.MachineInfo;

import io.rollstream.bench.generate.BenchmarkResult;
import io.rollstream.bench.generate.GenerateBenchmark;
import io.rollstream.policy.model.DeviceChoice;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollstream bench generate}: decoding speed with and without the KV cache, and FLOP/s utilisation. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {
                "Tokens/s of the built-in model generating a fixed number of new tokens at several batch "
                        + "sizes, with the KV cache and with full recomputation in the same run (speedup = ratio), "
                        + "next to the machine's measured matmul FLOP/s and the model's achieved FLOP/s."})
final class GenerateBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--preset", defaultValue = "small", description = "Model preset (default: ${DEFAULT-VALUE}).")
    private String preset;

    @Option(names = "--batch-sizes", split = ",", defaultValue = "1,16,64",
            description = "Batch sizes, comma-separated (default: ${DEFAULT-VALUE}).")
    private List<Integer> batchSizes;

    @Option(names = "--new-tokens", defaultValue = "128", description = "Tokens generated per sequence (default: ${DEFAULT-VALUE}).")
    private int newTokens;

    @Option(names = "--repeats", defaultValue = "2", description = "Timed runs per setting; the best counts (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--device", defaultValue = "auto", description = "auto|cpu|gpu (default: ${DEFAULT-VALUE}).")
    private String device;

    @Override
    public Integer call() {
        GenerateBenchmark.Config config = ConfigErrors.orParameterError(spec,
                () -> new GenerateBenchmark.Config(preset, batchSizes, newTokens, repeats, DeviceChoice.parse(device), 7L));
        spec.commandLine().getErr().printf("bench generate: preset %s, batches %s, %d new tokens, %s%n",
                preset, batchSizes, newTokens, MachineInfo.current().describe());
        BenchmarkResult result = GenerateBenchmark.run(config);
        spec.commandLine().getOut().println(result.table());
        return 0;
    }
}
