package io.rollstream.cli.experiment;

import io.rollstream.cli.ConfigErrors;
import io.rollstream.cli.PipelineSecurityOptions;
import io.rollstream.cli.Preflight;
import io.rollstream.cli.run.LogOptions;
import io.rollstream.cli.run.RunLogs;
import io.rollstream.experiment.OreoExperiment;
import io.rollstream.experiment.OreoReport;
import io.rollstream.experiment.OreoSettings;
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

/** {@code rollstream experiment oreo}: does OREO train a better policy than RS-SFT from the same log? */
@Command(name = "oreo", mixinStandardHelpOptions = true,
        header = "OREO vs rejection-sampling SFT from one logged window, and OREO's value-guided search.",
        description = {
                "Per seed: a single-turn warm start (supervised); the warm start answers training questions "
                        + "it never saw, several times each at temperature 1, through the actor and the grader, and "
                        + "the trajectories land on rl-trajectories-v1 in a window of append times. Two copies of the "
                        + "warm start are trained offline on exactly that window, as `learner --algorithm rs-sft|oreo "
                        + "--from --to` would: rejection-sampling SFT on the solved answers, and OREO (policy and "
                        + "value function) on all of them.",
                "The warm start, RS-SFT and OREO then answer the held-out questions greedily, and OREO once "
                        + "more with its value-guided step-level beam search (K = 3, at most 20 steps). The report "
                        + "gives 95%% bootstrap intervals (over questions within seeds, and over seeds) and one "
                        + "verdict on OREO - RS-SFT: reproduced, reversed or inconclusive. The default run (three "
                        + "seeds) took 18 minutes on two cores; --quick about a minute."})
final class OreoCommand implements Callable<Integer>, Preflight {

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
            description = "Seeds; each gets its own warm start, log and trained policies (default: 1,2,3; 1 with"
                    + " --quick).")
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

    @Option(names = "--log-questions", paramLabel = "N",
            description = "Training questions the warm start answers into the log, disjoint from its own"
                    + " (default: 1000; 100 with --quick).")
    private Integer logQuestions;

    @Option(names = "--log-samples", paramLabel = "N",
            description = "Answers logged per question, at temperature 1 (default: 4; 8 with --quick, whose tiny"
                    + " model rarely solves one at temperature 1).")
    private Integer logSamples;

    @Option(names = "--offline-epochs", paramLabel = "N",
            description = "Passes of RS-SFT and of OREO over the window (default: 2; 1 with --quick).")
    private Integer offlineEpochs;

    @Option(names = "--learning-rate", paramLabel = "X", defaultValue = "1e-4",
            description = "Adam step size of RS-SFT and OREO (default: ${DEFAULT-VALUE}).")
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
            description = "Where the report, charts, weights and broker data go (default: runs/oreo-<time>).")
    private Path runDir;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Run against this Kafka cluster instead of an embedded broker (needs --schema-registry-url).")
    private String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "The external cluster's Confluent-compatible schema registry.")
    private String schemaRegistryUrl;

    OreoSettings settings() {
        Path dir = runDir != null ? runDir : Path.of("runs", "oreo-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        return new OreoSettings(dir, bootstrapServers, schemaRegistryUrl,
                ConfigErrors.keyed("preset",
                        () -> ModelPreset.parse(preset != null ? preset : quick ? "tiny" : "small")),
                SyntheticDifficulty.parse(difficulty),
                seeds != null ? new ArrayList<>(seeds) : quick ? List.of(1L) : List.of(1L, 2L, 3L),
                or(sftQuestions, 2000, 300), or(logQuestions, 1000, 100), or(logSamples, 4, 8), or(questions, 200, 20),
                or(sftEpochs, 8, 10), or(offlineEpochs, 2, 1), learningRate, maxNewTokens, actorBatch, resamples);
    }

    private int or(Integer given, int full, int quickValue) {
        return given != null ? given : quick ? quickValue : full;
    }

    @Override
    public Map<String, Integer> preflight() {
        return questionCounts(ConfigErrors.orParameterError(spec, this::settings));
    }

    /** Draws every seed's questions, as the run will, before anything starts. */
    private Map<String, Integer> questionCounts(OreoSettings settings) {
        return ConfigErrors.orParameterError(spec, () -> SeedQuestions.counts(settings.seeds(), settings::questions));
    }

    @Override
    public Integer call() throws Exception {
        OreoSettings settings = ConfigErrors.orParameterError(spec, this::settings);
        PipelineSecurity pipelineSecurity = security.security(spec, settings.bootstrapServers() != null);
        questionCounts(settings);
        PrintWriter out = spec.commandLine().getOut();
        OreoExperiment.Outcome outcome;
        try (RunLogs runLogs = logs.toRunDirectory(settings.runDir(), System.err)) {
            outcome = new OreoExperiment(settings, pipelineSecurity, System.err).run();
        } catch (OreoExperiment.NothingToLearnException e) {
            spec.commandLine().getErr().println("experiment oreo: " + e.getMessage());
            return 1;
        }
        OreoReport.Summary summary = OreoReport.write(settings, outcome);
        out.println();
        out.printf(Locale.ROOT, "Verdict: %s (OREO - RS-SFT = %s points, 95%% interval).%n",
                summary.verdict().name().toLowerCase(Locale.ROOT), summary.delta().scaled(100).format(1));
        out.printf(Locale.ROOT, "Value-guided search over greedy OREO: %s points.%n",
                summary.searchGain().scaled(100).format(1));
        out.printf(Locale.ROOT, "Pipeline: %s. Wall time %.1f minutes.%n", summary.pipelineSound()
                ? "every attempt graded once, one trajectory per episode, learners read exactly the log, audit passed"
                : "FAILED (see the report's pipeline section)", outcome.elapsed().toMillis() / 60_000.0);
        out.println("Report: " + summary.markdown());
        out.println("        " + summary.json());
        summary.charts().forEach(c -> out.println("        " + c));
        return summary.pipelineSound() ? 0 : 1;
    }
}
