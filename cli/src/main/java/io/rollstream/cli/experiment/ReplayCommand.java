package io.rollstream.cli.experiment;

import io.rollstream.cli.ConfigErrors;
import io.rollstream.cli.PipelineSecurityOptions;
import io.rollstream.cli.Preflight;
import io.rollstream.cli.run.LogOptions;
import io.rollstream.cli.run.RunLogs;
import io.rollstream.experiment.ReplayExperiment;
import io.rollstream.experiment.ReplayReport;
import io.rollstream.experiment.ReplaySettings;
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

/** {@code rollstream experiment replay}: does retrospective replay make PPO better? */
@Command(name = "replay", mixinStandardHelpOptions = true,
        header = "PPO with retrospective replay against PPO without it, same seeds and budget.",
        description = {
                "Per seed: a single-turn warm start (supervised); two PPO arms from it with the same critic "
                        + "warm-up, updates, trajectories per update, learning rate and questions in the same order. "
                        + "In the replay arm, after the critic warm-up, the learner keeps the step boundaries of "
                        + "failed answers its critic rates promising (a value of 0.25 or more, or among the batch's top "
                        + "10%%) and sends some back as REPLAY prompts that "
                        + "continue from there; their trajectories fill part of later batches, so both arms train on "
                        + "as many trajectories. The warm start and both arms then answer the held-out questions "
                        + "greedily and several times at temperature 1 (pass@k). The report gives 95%% bootstrap "
                        + "intervals (over questions within seeds, and over seeds), what replay did (states captured, "
                        + "replayed, solved from a replayed state) and one verdict on (PPO + replay) - PPO: "
                        + "reproduced, reversed or inconclusive. The default run (three seeds) took 16 minutes on two "
                        + "cores; --quick about a minute."})
final class ReplayCommand implements Callable<Integer>, Preflight {

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
            description = "Seeds; each gets its own warm start and arms (default: 1,2,3; 1 with --quick).")
    private List<Long> seeds;

    @Option(names = "--questions", paramLabel = "N",
            description = "Held-out test questions per seed (default: 200; 20 with --quick).")
    private Integer questions;

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

    @Option(names = "--sft-epochs", paramLabel = "N",
            description = "Warm-start epochs (default: 8; 10 with --quick).")
    private Integer sftEpochs;

    @Option(names = "--rl-questions", paramLabel = "N",
            description = "RL training questions, disjoint from the warm start's (default: 2000; 100 with --quick).")
    private Integer rlQuestions;

    @Option(names = "--critic-warmup", paramLabel = "N",
            description = "Value-head-only updates before the policy trains and before replay captures a state"
                    + " (default: 10; 2 with --quick).")
    private Integer criticWarmup;

    @Option(names = "--updates", paramLabel = "N",
            description = "PPO updates of each arm after the warm-up (default: 60; 4 with --quick).")
    private Integer updates;

    @Option(names = "--batch-episodes", paramLabel = "N",
            description = "Trajectories per update (default: 16; 8 with --quick).")
    private Integer batchEpisodes;

    @Option(names = "--replay-ratio", paramLabel = "X", defaultValue = "0.125",
            description = "Replay prompts sent per trained trajectory in the replay arm (default: ${DEFAULT-VALUE}).")
    private double replayRatio;

    @Option(names = "--learning-rate", paramLabel = "X", defaultValue = "1e-4",
            description = "Adam step size of both arms (default: ${DEFAULT-VALUE}).")
    private float learningRate;

    @Option(names = "--samples", paramLabel = "N",
            description = "Temperature-1 samples per held-out question, for pass@k (default: 4; 2 with --quick).")
    private Integer samples;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "48",
            description = "Largest answer (default: ${DEFAULT-VALUE}).")
    private int maxNewTokens;

    @Option(names = "--actor-batch", paramLabel = "N", defaultValue = "32",
            description = "Prompts an actor generates together (default: ${DEFAULT-VALUE}).")
    private int actorBatch;

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "2000",
            description = "Bootstrap resamples per interval (default: ${DEFAULT-VALUE}).")
    private int resamples;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Where the report, charts, weights and broker data go (default: runs/replay-<time>).")
    private Path runDir;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Run against this Kafka cluster instead of an embedded broker (needs --schema-registry-url).")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "The external cluster's Confluent-compatible schema registry.")
    private String schemaRegistryUrl;

    ReplaySettings settings() {
        Path dir = runDir != null ? runDir : Path.of("runs", "replay-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        return new ReplaySettings(dir, bootstrapServers, schemaRegistryUrl,
                ConfigErrors.keyed("preset",
                        () -> ModelPreset.parse(preset != null ? preset : quick ? "tiny" : "small")),
                SyntheticDifficulty.parse(difficulty),
                seeds != null ? new ArrayList<>(seeds) : quick ? List.of(1L) : List.of(1L, 2L, 3L),
                or(sftQuestions, 2000, 300), or(sftEpochs, 8, 10), or(rlQuestions, 2000, 100),
                or(criticWarmup, 10, 2), or(updates, 60, 4), or(batchEpisodes, 16, 8), replayRatio, learningRate,
                or(questions, 200, 20), or(samples, 4, 2), maxNewTokens, actorBatch, resamples);
    }

    private int or(Integer given, int full, int quickValue) {
        return given != null ? given : quick ? quickValue : full;
    }

    @Override
    public Map<String, Integer> preflight() {
        return questionCounts(ConfigErrors.orParameterError(spec, this::settings));
    }

    /** Draws every seed's questions, as the run will, before anything starts. */
    private Map<String, Integer> questionCounts(ReplaySettings settings) {
        return ConfigErrors.orParameterError(spec, () -> SeedQuestions.counts(settings.seeds(), settings::questions));
    }

    @Override
    public Integer call() throws Exception {
        ReplaySettings settings = ConfigErrors.orParameterError(spec, this::settings);
        PipelineSecurity pipelineSecurity = security.security(spec, settings.bootstrapServers() != null);
        questionCounts(settings);
        PrintWriter out = spec.commandLine().getOut();
        ReplayExperiment.Result outcome;
        try (RunLogs runLogs = logs.toRunDirectory(settings.runDir(), System.err)) {
            outcome = new ReplayExperiment(settings, pipelineSecurity, System.err).run();
        }
        ReplayReport.Summary summary = ReplayReport.write(settings, outcome);
        out.println();
        out.printf(Locale.ROOT, "Verdict: %s ((PPO + replay) - PPO = %s points greedy, 95%% interval).%n",
                summary.verdict().name().toLowerCase(Locale.ROOT), summary.delta().scaled(100).format(1));
        out.printf(Locale.ROOT, "pass@1 at temperature 1: %s points.%n", summary.passAt1().scaled(100).format(1));
        out.printf(Locale.ROOT, "Pipeline: %s. Wall time %.1f minutes.%n", summary.pipelineSound()
                ? "every attempt graded once, one trajectory per episode, each arm trained on its own episodes, every"
                + " replay prompt answered, audit passed" : "FAILED (see the report's pipeline section)",
                outcome.elapsed().toMillis() / 60_000.0);
        out.println("Report: " + summary.markdown());
        out.println("        " + summary.json());
        summary.charts().forEach(c -> out.println("        " + c));
        return summary.pipelineSound() ? 0 : 1;
    }
}
