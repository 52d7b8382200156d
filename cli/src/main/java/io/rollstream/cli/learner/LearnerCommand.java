package io.rollstream.cli.learner;

import io.rollstream.policy.model.ModelPreset;
import io.rollstream.cli.ClusterOptions;
import io.rollstream.cli.SecurityOptions;
import io.rollstream.cli.ConfigSources;
import io.rollstream.experiment.demo.Progress;
import io.rollstream.cli.run.ComponentLifecycle;
import io.rollstream.cli.run.MetricsOptions;
import io.rollstream.learner.config.Algorithm;
import io.rollstream.learner.config.ConfigKeys;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.service.OfflineRun;
import io.rollstream.learner.service.OfflineWindow;
import io.rollstream.learner.service.ServiceSettings;
import io.rollstream.learner.service.SftRun;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.schemas.topics.ClusterDefaults;
import io.rollstream.infra.security.Role;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rollstream learner}: SFT warm start, the streaming PPO/GRPO learner over rl-trajectories-v1, or offline
 * OREO over a closed window of it.
 */
@Command(name = "learner",
        header = "Trains the policy (SFT, PPO, GRPO, OREO or RS-SFT) and publishes new versions.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "sft: trains a fresh model on --sft-data (JSON lines {\"messages\":[...],\"target\":\"...\"}) and "
                    + "publishes it as the policy's next version.",
            "ppo|grpo: consumes rl-trajectories-v1 (read_committed), trains, publishes a policy version every "
                    + "publishEvery updates and replay prompts to rl-prompts-v1; checkpoints to --run-dir and "
                    + "resumes from there after a crash. Runs until interrupted (Ctrl-C / SIGTERM: the update in "
                    + "hand finishes and is checkpointed) or --stop-after-updates, printing its totals every 10 "
                    + "seconds.",
            "oreo: trains the newest version of the policy and a value function on the trajectories appended to "
                    + "rl-trajectories-v1 between --from and --to (read_committed; the window must be over), and "
                    + "publishes the next version, whose metrics name the window and the count.",
            "rs-sft: OREO's baseline on the same window: supervised training on the answers that solved its "
                    + "solved episodes."
        },
        footer = ConfigSources.FOOTER,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped normally", "1:the broker, the registry or the disk failed",
            "2:an option has an invalid value, or the OREO window holds nothing to train on"})
public final class LearnerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private SecurityOptions security;

    @Mixin
    private MetricsOptions metrics;

    @Option(names = "--start-at", paramLabel = "TIME",
            description = "Without a checkpoint yet, train on trajectories appended from TIME on: an ISO-8601 "
                    + "instant or 'now' (default: the beginning of rl-trajectories-v1).")
    private String startAt;

    @Option(names = "--algorithm", paramLabel = "ALGO",
            description = "sft|ppo|grpo|oreo|rs-sft; picks the preset every other key starts from (default: ${DEFAULT-VALUE}).")
    private String algorithm = LearnerConfig.DEFAULT_ALGORITHM.id();

    @Option(names = "--run-dir", paramLabel = "DIR",
            defaultValue = "${env:ROLLSTREAM_RUN_DIR:-" + ClusterDefaults.RUN_DIR + "}/" + ServiceSettings.RUN_DIR_NAME,
            description = "Checkpoints, metrics.jsonl and updates.jsonl (env ROLLSTREAM_RUN_DIR names its parent; "
                    + "default: ${DEFAULT-VALUE}).")
    private Path runDir;

    @Option(names = "--weights-dir", paramLabel = "DIR",
            defaultValue = "${env:ROLLSTREAM_WEIGHTS_DIR:-" + ServiceSettings.DEFAULT_WEIGHTS_DIR + "}",
            description = "Content-addressed weights store shared with the actors "
                    + "(env ROLLSTREAM_WEIGHTS_DIR; default: ${DEFAULT-VALUE}).")
    private Path weightsDir;

    @Option(names = "--device", paramLabel = "DEVICE",
            defaultValue = "${env:ROLLSTREAM_DEVICE:-" + ServiceSettings.DEFAULT_DEVICE + "}",
            description = "auto|cpu|gpu (env ROLLSTREAM_DEVICE; default: ${DEFAULT-VALUE}).")
    private String device;

    @Option(names = "--model", paramLabel = "PRESET",
            description = "Model preset when no version exists yet: tiny|small|base (default: the preset's, ${DEFAULT-VALUE}).")
    private String model = LearnerConfig.defaults().modelPreset().id();

    @Option(names = "--policy-name", paramLabel = "NAME", defaultValue = "${env:ROLLSTREAM_POLICY_NAME}",
            description = "Policy to train (env ROLLSTREAM_POLICY_NAME; default: "
                    + ClusterDefaults.POLICY_NAME + ").")
    private String policyName;

    @Option(names = "--sft-data", paramLabel = "FILE", description = "SFT examples, JSON lines (sft only).")
    private Path sftData;

    @Option(names = "--from", paramLabel = "TIME",
            description = "oreo, rs-sft: first append time of the window, an ISO-8601 instant (required).")
    private String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "oreo, rs-sft: append time the window ends before, an ISO-8601 instant or 'now'; never "
                    + "in the future (required).")
    private String to;

    @Option(names = "--source-policy", paramLabel = "NAME",
            description = "oreo, rs-sft: train only on this policy's trajectories (default: every policy's in the window).")
    private String sourcePolicy;

    @Option(names = "--no-replay", description = "Turn retrospective replay off.")
    private boolean noReplay;

    @Option(names = "--stop-after-updates", paramLabel = "N",
            description = "Stop after N updates in total; 0 runs until interrupted (default: ${DEFAULT-VALUE}).")
    private long stopAfterUpdates = ServiceSettings.DEFAULT_STOP_AFTER_UPDATES;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any LearnerConfig key, e.g. --set learningRate=3e-4 --set maxStaleness=2.")
    private List<String> sets = new ArrayList<>();

    /** How to train, from the algorithm's preset and the options; a bad value fails naming its key. */
    LearnerConfig config() {
        LearnerConfig.Builder builder = LearnerConfig.preset(Algorithm.parse(algorithm)).toBuilder();
        builder.modelPreset(ModelPreset.parse(model));
        if (policyName != null) {
            builder.policyName(policyName);
        }
        if (noReplay) {
            builder.replayEnabled(false);
        }
        sets.forEach(s -> ConfigKeys.apply(builder, s));
        LearnerConfig config = builder.build();
        if (config.algorithm() == Algorithm.SFT && sftData == null) {
            throw new IllegalArgumentException("--sft-data is required with --algorithm sft");
        }
        if (config.algorithm().offline() && (from == null || to == null)) {
            throw new IllegalArgumentException("--from and --to are required with --algorithm " + config.algorithm().id());
        }
        if (!config.algorithm().offline() && (from != null || to != null || sourcePolicy != null)) {
            throw new IllegalArgumentException("--from, --to and --source-policy apply to --algorithm oreo and rs-sft only");
        }
        return config;
    }

    /** Where the learner runs, from the options. */
    ServiceSettings settings() {
        return new ServiceSettings(cluster.bootstrapServers(), cluster.schemaRegistryUrl(), runDir, weightsDir,
                DeviceChoice.parse(device), stopAfterUpdates, startAt == null ? null : StartTime.parse(startAt),
                security.login(spec, Role.LEARNER));
    }

    /** The OREO window, refused when it is empty, reversed or still open. */
    OfflineWindow window() {
        return OfflineWindow.closed(StartTime.parse("--from", from), StartTime.parse("--to", to), Instant.now());
    }

    @Override
    public Integer call() throws Exception {
        LearnerConfig config;
        ServiceSettings settings;
        OfflineWindow window = null;
        try {
            config = config();
            settings = settings();
            if (config.algorithm().offline()) {
                window = window();
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (config.algorithm().offline()) {
            return offline(config, settings, window);
        }
        if (config.algorithm() == Algorithm.SFT) {
            SftRun.Outcome outcome = SftRun.run(config, settings, sftData);
            spec.commandLine().getOut().printf(Locale.ROOT, "SFT loss %.3f -> %.3f; published %s version %d (%s)%n",
                    outcome.training().firstEpochLoss(), outcome.training().lastEpochLoss(),
                    outcome.published().getPolicyName(), outcome.published().getVersion(),
                    outcome.published().getSha256());
            return ComponentLifecycle.OK;
        }
        return ComponentLifecycle.run("learner", metrics.metricsPort(), spec.commandLine().getOut(),
                spec.commandLine().getErr(), meters -> RunningLearner.start(config, settings, meters));
    }

    private int offline(LearnerConfig config, ServiceSettings settings, OfflineWindow window) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OfflineRun.Result result;
        try (ProgressBar bar = Progress.bar(config.algorithm().id(), 1, "steps", System.err)) {
            result = OfflineRun.run(config, settings, window, sourcePolicy, (done, total) -> {
                bar.maxHint(total);
                bar.stepTo(done);
            });
        } catch (OfflineRun.UnusableWindowException e) {
            spec.commandLine().getErr().println("learner: " + e.getMessage());
            return ComponentLifecycle.BAD_CONFIG;
        }
        StringBuilder losses = new StringBuilder();
        result.losses().forEach((name, value) -> losses.append(String.format(Locale.ROOT, ", %s %.4f", name, value)));
        out.printf(Locale.ROOT, "%s on %d of %d trajectories (%d solved) appended %s .. %s%s; published %s version %d (%s)%n",
                config.algorithm().id(), result.trained(), result.read(), result.solved(), window.from(), window.to(),
                losses, result.published().getPolicyName(), result.published().getVersion(),
                result.published().getSha256());
        return ComponentLifecycle.OK;
    }
}
