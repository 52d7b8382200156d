package io.rollstream.cli.bench;

import io.rollstream.cli.ConfigErrors;
import io.rollstream.bench.MachineInfo;

import io.rollstream.bench.learner.LearnerBenchmark;
import io.rollstream.policy.model.DeviceChoice;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollstream bench learner}: PPO training throughput of the built-in model. */
@Command(name = "learner", mixinStandardHelpOptions = true,
        description = {
                "Trajectories/s and trained tokens/s of PPO updates (preset epochs and minibatches) on "
                        + "synthetic trajectories, with the machine's measured matmul FLOP/s for context."})
final class LearnerBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--preset", defaultValue = "small", description = "Model preset (default: ${DEFAULT-VALUE}).")
    private String preset;

    @Option(names = "--batch", defaultValue = "16", description = "Trajectories per update (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--prompt-tokens", defaultValue = "64", description = "Prompt length (default: ${DEFAULT-VALUE}).")
    private int promptTokens;

    @Option(names = "--response-tokens", defaultValue = "192", description = "Response length (default: ${DEFAULT-VALUE}).")
    private int responseTokens;

    @Option(names = "--updates", defaultValue = "3", description = "Timed updates after one warm-up (default: ${DEFAULT-VALUE}).")
    private int updates;

    @Option(names = "--device", defaultValue = "auto", description = "auto|cpu|gpu (default: ${DEFAULT-VALUE}).")
    private String device;

    @Override
    public Integer call() {
        DeviceChoice choice = ConfigErrors.orParameterError(spec, () -> DeviceChoice.parse(device));
        spec.commandLine().getErr().printf("bench learner: %s%n", MachineInfo.current().describe());
        spec.commandLine().getOut().println(
                LearnerBenchmark.run(preset, choice, batch, promptTokens, responseTokens, updates).describe());
        return 0;
    }
}
