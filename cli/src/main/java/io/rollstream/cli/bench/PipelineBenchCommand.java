package io.rollstream.cli.bench;

import io.rollstream.bench.BenchReport;
import io.rollstream.bench.MachineInfo;
import io.rollstream.bench.pipeline.PipelineBenchmark;
import io.rollstream.bench.pipeline.PipelineSettings;
import io.rollstream.cli.ConfigErrors;
import io.rollstream.cli.run.LogOptions;
import io.rollstream.cli.run.RunLogs;
import io.rollstream.policy.model.ModelPreset;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.SyntheticDifficulty;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rollstream bench pipeline}: the same PPO run through the real pipeline, asynchronous and synchronous,
 * with wall time, final reward, busy fractions and staleness of each, and the wall-time ratio.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {
                "Runs one warm start, then the same PPO run from it twice on an embedded cluster, each with its "
                        + "own policy, the same seed, questions in the same order and the same number of trained "
                        + "trajectories: asynchronously (the feed runs up to --lead updates' worth ahead of the "
                        + "learner, so the actor generates while the learner trains) and synchronously (generate a "
                        + "batch, train, publish, swap, repeat). Prints each mode's wall time, final training "
                        + "reward, actor and learner busy fractions, staleness histogram and trajectories dropped "
                        + "as stale, and the asynchronous / synchronous wall-time ratio (goal: at most 0.6)."})
public final class PipelineBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ReportOptions report;

    @Mixin
    private LogOptions logs;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "small",
            description = "Model size: tiny|small|base (default: ${DEFAULT-VALUE}).")
    private String preset;

    @Option(names = "--difficulty", paramLabel = "NAME", defaultValue = "easy",
            description = "Synthetic task difficulty (default: ${DEFAULT-VALUE}).")
    private String difficulty;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Seed of the questions, the weights and the sampling (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--train-questions", paramLabel = "N", defaultValue = "600",
            description = "Questions for the warm start and the RL feed (default: ${DEFAULT-VALUE}).")
    private int trainQuestions;

    @Option(names = "--sft-epochs", paramLabel = "N", defaultValue = "3",
            description = "Passes of the warm start over its examples (default: ${DEFAULT-VALUE}).")
    private int sftEpochs;

    @Option(names = "--updates", paramLabel = "N", defaultValue = "30",
            description = "PPO updates per mode (default: ${DEFAULT-VALUE}).")
    private int updates;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "16",
            description = "Episodes per update (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--attempts", paramLabel = "N|A-B", defaultValue = "1",
            description = "Attempts per training episode, fixed or drawn uniformly (default: ${DEFAULT-VALUE}).")
    private String attempts;

    @Option(names = "--lead", paramLabel = "UPDATES", defaultValue = "2",
            description = "How many updates' worth the asynchronous feed may run ahead of the learner, capped at "
                    + "the learner's staleness bound (default: ${DEFAULT-VALUE}).")
    private int lead;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "48",
            description = "Largest response per attempt (default: ${DEFAULT-VALUE}).")
    private int maxNewTokens;

    @Option(names = "--actor-batch", paramLabel = "N", defaultValue = "16",
            description = "Prompts the actor generates together (default: ${DEFAULT-VALUE}).")
    private int actorBatch;

    @Option(names = "--last-updates", paramLabel = "N", defaultValue = "10",
            description = "Updates the final training reward averages (default: ${DEFAULT-VALUE}).")
    private int lastUpdates;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Where the broker data, weights and learner logs go (default: runs/pipeline-<time>).")
    private Path runDir;

    @Override
    public Integer call() throws Exception {
        Path dir = runDir != null ? runDir : Path.of("runs", "pipeline-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        PipelineSettings settings = ConfigErrors.orParameterError(spec, () -> new PipelineSettings(dir,
                ConfigErrors.keyed("preset", () -> ModelPreset.parse(preset)),
                SyntheticDifficulty.parse(difficulty), seed, trainQuestions, sftEpochs, updates, batch,
                ConfigErrors.keyed("attempts", () -> AttemptsPolicy.parse(attempts)), lead, maxNewTokens,
                actorBatch, lastUpdates));
        PrintWriter out = spec.commandLine().getOut();
        MachineInfo machine = MachineInfo.current();
        BenchReport.printHeader(out, "pipeline", settings.describe(), machine);
        PipelineBenchmark.Result result;
        try (RunLogs runLogs = logs.toRunDirectory(settings.runDir(), System.err)) {
            result = PipelineBenchmark.run(settings, machine, System.err);
        }
        report.finish(result.report(), out);
        return 0;
    }
}
