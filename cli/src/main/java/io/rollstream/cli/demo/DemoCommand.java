package io.rollstream.cli.demo;

import io.rollstream.cli.ConfigErrors;
import io.rollstream.cli.PipelineSecurityOptions;
import io.rollstream.cli.Preflight;
import io.rollstream.cli.run.LogOptions;
import io.rollstream.cli.run.RunLogs;
import io.rollstream.experiment.demo.DemoReport;
import io.rollstream.experiment.demo.DemoResult;
import io.rollstream.experiment.demo.DemoRunner;
import io.rollstream.experiment.demo.DemoSettings;
import io.rollstream.experiment.demo.PipelineCounts;
import io.rollstream.experiment.demo.PipelineSecurity;
import io.rollstream.policy.model.ModelPreset;
import io.rollstream.schemas.topics.Topics;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rollstream demo}: the whole experiment in miniature, through the real pipeline. */
@Command(name = "demo",
        header = "Runs the whole experiment end to end and prints the accuracy@k table (the main job).", mixinStandardHelpOptions = true,
        description = {
                "Trains and evaluates a policy end to end through Kafka: starts an embedded broker and "
                        + "schema registry (or uses --bootstrap-servers/--schema-registry-url), the grader, actors "
                        + "and learners; warms the built-in model up with supervised training on a seeded task, "
                        + "trains it with multi-attempt PPO (N drawn from 1..K) and, from the same start, single-turn "
                        + "PPO (N = 1), then evaluates all three greedily with k = 1..K attempts on held-out "
                        + "questions and prints the table. The run directory gets results.json, PNG plots, weights, "
                        + "checkpoints and the broker's data. One seed, no intervals: for the comparison with seeds, "
                        + "confidence intervals and a verdict run 'rollstream experiment multi-attempt'."})
public final class DemoCommand implements Callable<Integer>, Preflight {

    @Spec
    private CommandSpec spec;

    @Mixin
    private LogOptions logs;

    @Option(names = "--quick",
            description = "A run of about a minute with the tiny model, which learns little: for a first look and CI.")
    private boolean quick;

    @Option(names = "--preset", paramLabel = "tiny|small|base",
            description = "Model size (default: small; tiny with --quick).")
    private String preset;

    @Option(names = "--steps", paramLabel = "N", description = "PPO updates per policy (default: 30; 6 with --quick).")
    private Integer steps;

    @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "synthetic",
            completionCandidates = DemoSettings.Datasets.class,
            description = "Questions, from a data set with a train and a test split: ${COMPLETION-CANDIDATES}"
                    + " (default: ${DEFAULT-VALUE}).")
    private String dataset;

    @Option(names = "--difficulty", paramLabel = SyntheticDifficulty.NAMES, defaultValue = "easy",
            description = "Synthetic task: easy, medium or hard arithmetic, or choice (easy, with three "
                    + "candidate answers listed) (default: ${DEFAULT-VALUE}).")
    private String difficulty;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Where results, plots, weights and the broker's data go (default: runs/demo-<time>).")
    private Path runDir;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of everything (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--train-questions", paramLabel = "N", description = "Training questions (default: 2000; 600 with --quick).")
    private Integer trainQuestions;

    @Option(names = "--test-questions", paramLabel = "N", description = "Held-out questions (default: 100; 30 with --quick).")
    private Integer testQuestions;

    @Option(names = "--sft-epochs", paramLabel = "N", description = "Warm-start epochs (default: 12; 3 with --quick).")
    private Integer sftEpochs;

    @Option(names = "--batch-episodes", paramLabel = "N", defaultValue = "16",
            description = "Episodes per PPO update (default: ${DEFAULT-VALUE}).")
    private int batchEpisodes;

    @Option(names = "--max-attempts", paramLabel = "K", defaultValue = "5",
            description = "Largest N in training and k = 1..K in evaluation (default: ${DEFAULT-VALUE}).")
    private int maxAttempts;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "48",
            description = "Largest response per attempt (default: ${DEFAULT-VALUE}).")
    private int maxNewTokens;

    @Option(names = "--actor-batch", paramLabel = "N", defaultValue = "32",
            description = "Prompts an actor generates together (default: ${DEFAULT-VALUE}).")
    private int actorBatch;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Run against this Kafka cluster instead of an embedded broker (needs --schema-registry-url).")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "The external cluster's Confluent-compatible schema registry.")
    private String schemaRegistryUrl;

    @Mixin
    private PipelineSecurityOptions security;

    DemoSettings settings() {
        Path dir = runDir != null ? runDir : Path.of("runs", "demo-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        return new DemoSettings(dir, bootstrapServers, schemaRegistryUrl,
                ConfigErrors.keyed("preset",
                        () -> ModelPreset.parse(preset != null ? preset : quick ? "tiny" : "small")),
                Dataset.parse(dataset), SyntheticDifficulty.parse(difficulty), seed,
                trainQuestions != null ? trainQuestions : quick ? 600 : 2000,
                testQuestions != null ? testQuestions : quick ? 30 : 100,
                sftEpochs != null ? sftEpochs : quick ? 3 : 12,
                steps != null ? steps : quick ? 6 : 30,
                batchEpisodes, maxAttempts, maxNewTokens, actorBatch);
    }

    /** The run the options describe, its questions loaded; nothing has started yet. */
    private DemoRunner runner() {
        DemoSettings settings = ConfigErrors.orParameterError(spec, this::settings);
        PipelineSecurity pipelineSecurity = security.security(spec, !settings.embedded());
        return ConfigErrors.orParameterError(spec, () -> new DemoRunner(settings, System.err, pipelineSecurity));
    }

    @Override
    public Map<String, Integer> preflight() {
        return runner().questionCounts();
    }

    @Override
    public Integer call() throws Exception {
        DemoRunner runner = runner();
        DemoSettings settings = runner.settings();
        PrintWriter out = spec.commandLine().getOut();
        DemoResult result;
        try (RunLogs runLogs = logs.toRunDirectory(settings.runDir(), System.err)) {
            result = runner.run();
        }
        result = DemoReport.write(result, settings.runDir().toAbsolutePath());
        out.println();
        out.println("Accuracy with k attempts (greedy, " + settings.testQuestions() + " held-out "
                + settings.dataset().id() + " questions):");
        out.print(result.table());
        out.println();
        PipelineCounts c = result.pipeline();
        out.printf(Locale.ROOT, "Pipeline: %d attempts graded (%d graded twice), %d trajectories (%d episodes closed"
                        + " twice, %d still open), %d dead letters.%n", c.graded(), c.duplicateGrades(), c.trajectories(),
                c.duplicateTrajectories(), c.gradedWithoutTrajectory(), c.deadLetters());
        out.printf(Locale.ROOT, "Audit of the run's window: %s (%d episodes, %d closed, %d open, %d violations).%n",
                result.audit().passed() ? "passed" : "FAILED", result.audit().counts().episodes(),
                result.audit().counts().closed(), result.audit().counts().open(), result.audit().violations().size());
        if (!result.audit().passed()) {
            out.println(result.audit().summary(10));
        }
        out.printf(Locale.ROOT, "Run directory: %s (%.0f s)%n", settings.runDir().toAbsolutePath(),
                result.elapsed().toMillis() / 1000.0);
        out.println("Topics: " + Topics.all().stream().map(t -> t.name()).collect(Collectors.joining(", "))
                + " on " + result.bootstrapServers());
        result.artifacts().forEach((name, file) -> out.printf("  %-28s %s%n", name, file));
        return result.pipelineSound() ? 0 : 1;
    }
}
