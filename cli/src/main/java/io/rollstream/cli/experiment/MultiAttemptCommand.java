package io.rollstream.cli.experiment;

import io.rollstream.cli.ConfigErrors;
import io.rollstream.cli.PipelineSecurityOptions;
import io.rollstream.cli.Preflight;
import io.rollstream.cli.run.LogOptions;
import io.rollstream.cli.run.RunLogs;
import io.rollstream.experiment.ExperimentReport;
import io.rollstream.experiment.MultiAttemptExperiment;
import io.rollstream.experiment.MultiAttemptSettings;
import io.rollstream.experiment.SeedQuestions;
import io.rollstream.experiment.demo.PipelineSecurity;
import io.rollstream.policy.model.ModelPreset;
import io.rollstream.tasks.SyntheticDifficulty;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollstream experiment multi-attempt}: does multi-attempt RL make a second attempt worth more? */
@Command(name = "multi-attempt", mixinStandardHelpOptions = true,
        header = "Multi-attempt vs single-turn PPO from one warm start, over seeds, with intervals and a verdict.",
        description = {
                "Per seed: one warm start (supervised, then again with retries made from its own wrong "
                        + "answers), then from it two PPO arms with their own policy names and the same budget: "
                        + "multi-attempt (N drawn from 1..K per episode) and single-turn (N = 1), each after the same "
                        + "critic warm-up. The warm start and both arms are then evaluated on held-out questions: "
                        + "greedy accuracy with k = 1..K attempts, the refinement curve within K-attempt episodes, "
                        + "and a sampled view (temperature 1) with acc@k and pass@k. The report gives 95%% bootstrap "
                        + "intervals (over questions within seeds, and over seeds) and one verdict on D = "
                        + "(multi-attempt gain from k=1 to 2) - (single-turn gain): reproduced, reversed or "
                        + "inconclusive. The default run (two seeds) takes about 45 minutes on two cores; --quick "
                        + "about a minute and a half."})
final class MultiAttemptCommand implements Callable<Integer>, Preflight {

    @Spec
    private CommandSpec spec;

    @Mixin
    private LogOptions logs;

    @Mixin
    private PipelineSecurityOptions security;

    @Option(names = "--quick", description = "A run of a minute or two with the tiny model, which learns little: for a"
            + " first look and CI. It checks the machinery, never the effect.")
    private boolean quick;

    @Option(names = "--seeds", paramLabel = "N[,N...]", split = ",",
            description = "Seeds; each gets its own warm start and arms (default: 1,2; 1 with --quick).")
    private List<Long> seeds;

    @Option(names = "--questions", paramLabel = "N",
            description = "Held-out test questions per seed (default: 200; 20 with --quick).")
    private Integer questions;

    @Option(names = "--updates", paramLabel = "N",
            description = "PPO updates per arm after the critic warm-up (default: 100; 4 with --quick).")
    private Integer updates;

    @Option(names = "--critic-warmup", paramLabel = "N",
            description = "Updates per arm that fit only the critic on the warm-start policy's rollouts"
                    + " (default: 10; 2 with --quick).")
    private Integer criticWarmup;

    @Option(names = "--learning-rate", paramLabel = "X", defaultValue = "1e-4",
            description = "Adam step size of both arms' PPO learners (default: ${DEFAULT-VALUE}).")
    private float learningRate;

    @Option(names = "--preset", paramLabel = "tiny|small|base",
            description = "Model size (default: small; tiny with --quick).")
    private String preset;

    @Option(names = "--difficulty", paramLabel = SyntheticDifficulty.NAMES, defaultValue = "easy",
            description = "Synthetic task: easy, medium or hard arithmetic, or choice (easy, with three "
                    + "candidate answers listed) (default: ${DEFAULT-VALUE}).")
    private String difficulty;

    @Option(names = "--sft-questions", paramLabel = "N",
            description = "Warm-start training questions (default: 2000; 300 with --quick).")
    private Integer sftQuestions;

    @Option(names = "--rl-questions", paramLabel = "N",
            description = "RL training questions, disjoint from the warm start's (default: 2000; 200 with --quick).")
    private Integer rlQuestions;

    @Option(names = "--sft-epochs", paramLabel = "N",
            description = "Warm-start epochs on first attempts (default: 8; 2 with --quick).")
    private Integer sftEpochs;

    @Option(names = "--retry-epochs", paramLabel = "N",
            description = "Further warm-start epochs with the own-mistake retries (default: 3; 1 with --quick).")
    private Integer retryEpochs;

    @Option(names = "--mistake-samples", paramLabel = "N",
            description = "Answers sampled per warm-start question to collect its own mistakes (default: 4; 2 with"
                    + " --quick).")
    private Integer mistakeSamples;

    @Option(names = "--batch-episodes", paramLabel = "N",
            description = "Episodes per PPO update (default: 16; 8 with --quick).")
    private Integer batchEpisodes;

    @Option(names = "--max-attempts", paramLabel = "K", defaultValue = "5",
            description = "K: the multi-attempt arm draws N from 1..K; evaluation runs k = 1..K"
                    + " (default: ${DEFAULT-VALUE}).")
    private int maxAttempts;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "48",
            description = "Largest response per attempt (default: ${DEFAULT-VALUE}).")
    private int maxNewTokens;

    @Option(names = "--actor-batch", paramLabel = "N", defaultValue = "32",
            description = "Prompts an actor generates together (default: ${DEFAULT-VALUE}).")
    private int actorBatch;

    @Option(names = "--samples", paramLabel = "N",
            description = "Samples per question and k in the temperature-1 view (default: 4; 2 with --quick).")
    private Integer samples;

    @Option(names = "--repeat-first-seed", negatable = true,
            description = "Run the first seed twice and report how much the two runs differ (default: off; it adds"
                    + " a third of the default run's time).")
    private Boolean repeatFirstSeed;

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "2000",
            description = "Bootstrap resamples per interval (default: ${DEFAULT-VALUE}).")
    private int resamples;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Where the report, charts, weights and broker data go (default: runs/multi-attempt-<time>).")
    private Path runDir;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Run against this Kafka cluster instead of an embedded broker (needs --schema-registry-url).")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "The external cluster's Confluent-compatible schema registry.")
    private String schemaRegistryUrl;

    MultiAttemptSettings settings() {
        Path dir = runDir != null ? runDir : Path.of("runs", "multi-attempt-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        return new MultiAttemptSettings(dir, bootstrapServers, schemaRegistryUrl,
                ConfigErrors.keyed("preset",
                        () -> ModelPreset.parse(preset != null ? preset : quick ? "tiny" : "small")),
                SyntheticDifficulty.parse(difficulty),
                seeds != null ? new ArrayList<>(seeds) : quick ? List.of(1L) : List.of(1L, 2L),
                or(sftQuestions, 2000, 300), or(rlQuestions, 2000, 200), or(questions, 200, 20),
                or(sftEpochs, 8, 2), or(retryEpochs, 3, 1), or(mistakeSamples, 4, 2), or(updates, 100, 4),
                or(criticWarmup, 10, 2), learningRate, or(batchEpisodes, 16, 8), maxAttempts, maxNewTokens, actorBatch,
                or(samples, 4, 2), repeatFirstSeed != null && repeatFirstSeed, resamples);
    }

    private int or(Integer given, int full, int quickValue) {
        return given != null ? given : quick ? quickValue : full;
    }

    @Override
    public Map<String, Integer> preflight() {
        return questionCounts(ConfigErrors.orParameterError(spec, this::settings));
    }

    /** Draws every seed's questions, as the run will, before anything starts. */
    private Map<String, Integer> questionCounts(MultiAttemptSettings settings) {
        return ConfigErrors.orParameterError(spec, () -> SeedQuestions.counts(settings.seeds(), settings::questions));
    }

    @Override
    public Integer call() throws Exception {
        MultiAttemptSettings settings = ConfigErrors.orParameterError(spec, this::settings);
        PipelineSecurity pipelineSecurity = security.security(spec, settings.bootstrapServers() != null);
        questionCounts(settings);
        PrintWriter out = spec.commandLine().getOut();
        MultiAttemptExperiment.Outcome outcome;
        try (RunLogs runLogs = logs.toRunDirectory(settings.runDir(), System.err)) {
            outcome = new MultiAttemptExperiment(settings, pipelineSecurity, System.err).run();
        }
        ExperimentReport.Summary summary = ExperimentReport.write(settings, outcome);
        out.println();
        out.printf(Locale.ROOT, "Verdict: %s (D = %s points, 95%% interval).%n",
                summary.verdict().name().toLowerCase(Locale.ROOT), summary.delta().scaled(100).format(1));
        summary.rises().forEach((arm, rise) -> out.printf(Locale.ROOT, "Training reward rise, %s: %s%n", arm,
                rise.format(3)));
        out.printf(Locale.ROOT, "Pipeline: %s. Wall time %.1f minutes.%n", summary.pipelineSound()
                ? "every attempt graded once, one trajectory per episode, arms trained apart, audit passed"
                : "FAILED (see the report's pipeline section)", outcome.elapsed().toMillis() / 60_000.0);
        out.println("Report: " + summary.markdown());
        out.println("        " + summary.json());
        summary.charts().forEach(c -> out.println("        " + c));
        return summary.pipelineSound() ? 0 : 1;
    }
}
