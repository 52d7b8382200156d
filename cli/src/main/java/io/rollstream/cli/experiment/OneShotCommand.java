package io.rollstream.cli.experiment;

import io.rollstream.cli.ConfigErrors;
import io.rollstream.cli.PipelineSecurityOptions;
import io.rollstream.cli.Preflight;
import io.rollstream.cli.run.LogOptions;
import io.rollstream.cli.run.RunLogs;
import io.rollstream.experiment.OneShotExperiment;
import io.rollstream.experiment.OneShotReport;
import io.rollstream.experiment.OneShotSettings;
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

/** {@code rollstream experiment one-shot}: does GRPO on one example lift held-out accuracy? */
@Command(name = "one-shot", mixinStandardHelpOptions = true,
        header = "1-shot RLVR: GRPO on one example vs GRPO on the full set vs the entropy bonus alone.",
        description = {
                "Per seed: a single-turn warm start (supervised); a short GRPO pre-run over a pool of "
                        + "training questions, after which the one example is the candidate whose training accuracy "
                        + "varied the most (the paper's historical variance score); then three GRPO arms from the "
                        + "warm start with the same preset (G = 8 rollouts at temperature 0.6, KL 0.001, entropy "
                        + "bonus 0.001, clip 0.2), updates and rollouts per update: every group is the one example; "
                        + "every group is a new question of the full training set; the one example with the "
                        + "policy-gradient term removed (entropy bonus alone). Every --eval-every updates, each arm's "
                        + "version of that update answers the held-out questions greedily, also after the one "
                        + "example's training accuracy has saturated. The report gives 95%% bootstrap intervals (over "
                        + "questions within seeds, and over seeds) and one verdict on 1-shot - warm start: "
                        + "reproduced, reversed or inconclusive. The default run (three seeds) took 32 minutes on two "
                        + "cores; --quick about a minute."})
final class OneShotCommand implements Callable<Integer>, Preflight {

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
            description = "Seeds; each gets its own warm start, selection and arms (default: 1,2,3; 1 with --quick).")
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

    @Option(names = "--train-questions", paramLabel = "N",
            description = "The RL training set of the full-set arm, disjoint from the warm start's; the pool is its"
                    + " head (default: 1000; 40 with --quick).")
    private Integer trainQuestions;

    @Option(names = "--candidates", paramLabel = "N",
            description = "Pool the one example is chosen from: the training set's first N (default: 32; 8 with"
                    + " --quick).")
    private Integer candidates;

    @Option(names = "--selection-epochs", paramLabel = "N",
            description = "Passes of the selection pre-run over the pool, at least 2 (default: 3; 2 with --quick).")
    private Integer selectionEpochs;

    @Option(names = "--updates", paramLabel = "N",
            description = "GRPO updates of every arm (default: 60; 4 with --quick).")
    private Integer updates;

    @Option(names = "--eval-every", paramLabel = "N",
            description = "Held-out evaluation every N updates; must divide --updates (default: 10; 2 with --quick).")
    private Integer evalEvery;

    @Option(names = "--groups", paramLabel = "N",
            description = "Groups of 8 rollouts per update (default: 4; 2 with --quick).")
    private Integer groups;

    @Option(names = "--learning-rate", paramLabel = "X", defaultValue = "1e-4",
            description = "Adam step size of every GRPO run (default: ${DEFAULT-VALUE}).")
    private float learningRate;

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
            description = "Where the report, charts, weights and broker data go (default: runs/one-shot-<time>).")
    private Path runDir;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Run against this Kafka cluster instead of an embedded broker (needs --schema-registry-url).")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "The external cluster's Confluent-compatible schema registry.")
    private String schemaRegistryUrl;

    OneShotSettings settings() {
        Path dir = runDir != null ? runDir : Path.of("runs", "one-shot-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        return new OneShotSettings(dir, bootstrapServers, schemaRegistryUrl,
                ConfigErrors.keyed("preset",
                        () -> ModelPreset.parse(preset != null ? preset : quick ? "tiny" : "small")),
                SyntheticDifficulty.parse(difficulty),
                seeds != null ? new ArrayList<>(seeds) : quick ? List.of(1L) : List.of(1L, 2L, 3L),
                or(sftQuestions, 2000, 300), or(sftEpochs, 8, 10), or(trainQuestions, 1000, 40),
                or(candidates, 32, 8), or(selectionEpochs, 3, 2), or(updates, 60, 4), or(evalEvery, 10, 2),
                or(groups, 4, 2), learningRate, or(questions, 200, 20), maxNewTokens, actorBatch, resamples);
    }

    private int or(Integer given, int full, int quickValue) {
        return given != null ? given : quick ? quickValue : full;
    }

    @Override
    public Map<String, Integer> preflight() {
        return questionCounts(ConfigErrors.orParameterError(spec, this::settings));
    }

    /** Draws every seed's questions, as the run will, before anything starts. */
    private Map<String, Integer> questionCounts(OneShotSettings settings) {
        return ConfigErrors.orParameterError(spec, () -> SeedQuestions.counts(settings.seeds(), settings::questions));
    }

    @Override
    public Integer call() throws Exception {
        OneShotSettings settings = ConfigErrors.orParameterError(spec, this::settings);
        PipelineSecurity pipelineSecurity = security.security(spec, settings.bootstrapServers() != null);
        questionCounts(settings);
        PrintWriter out = spec.commandLine().getOut();
        OneShotExperiment.Result outcome;
        try (RunLogs runLogs = logs.toRunDirectory(settings.runDir(), System.err)) {
            outcome = new OneShotExperiment(settings, pipelineSecurity, System.err).run();
        }
        OneShotReport.Summary summary = OneShotReport.write(settings, outcome);
        out.println();
        out.printf(Locale.ROOT, "Verdict: %s (1-shot - warm start after %d updates = %s points, 95%% interval).%n",
                summary.verdict().name().toLowerCase(Locale.ROOT), settings.updates(),
                summary.delta().scaled(100).format(1));
        out.printf(Locale.ROOT, "1-shot - full set: %s points.%n", summary.versusFull().scaled(100).format(1));
        out.printf(Locale.ROOT, "Pipeline: %s. Wall time %.1f minutes.%n", summary.pipelineSound()
                ? "every attempt graded once, one trajectory per episode, each arm trained on its own episodes, audit"
                + " passed" : "FAILED (see the report's pipeline section)", outcome.elapsed().toMillis() / 60_000.0);
        out.println("Report: " + summary.markdown());
        out.println("        " + summary.json());
        summary.charts().forEach(c -> out.println("        " + c));
        return summary.pipelineSound() ? 0 : 1;
    }
}
