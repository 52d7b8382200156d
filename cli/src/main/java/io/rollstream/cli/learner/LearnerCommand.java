package io.rollstream.cli.learner;

import io.rollstream.policy.model.ModelPreset;
import io.rollstream.cli.ClusterOptions;
import io.rollstream.cli.ConfigSources;
import io.rollstream.cli.run.ComponentLifecycle;
import io.rollstream.cli.run.MetricsOptions;
import io.rollstream.learner.config.Algorithm;
import io.rollstream.learner.config.ConfigKeys;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.service.ServiceSettings;
import io.rollstream.learner.service.SftRun;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.schemas.topics.ClusterDefaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rollstream learner}: SFT warm start, or the streaming PPO/GRPO learner over rl-trajectories-v1. */
@Command(name = "learner",
        header = "Trains the policy (SFT, PPO or GRPO) and publishes new versions.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "sft: trains a fresh model on --sft-data (JSON lines {\"messages\":[...],\"target\":\"...\"}) and "
                    + "publishes it as the policy's next version.",
            "ppo|grpo: consumes rl-trajectories-v1 (read_committed), trains, publishes a policy version every "
                    + "publishEvery updates and replay prompts to rl-prompts-v1; checkpoints to --run-dir and "
                    + "resumes from there after a crash. Runs until interrupted (Ctrl-C / SIGTERM: the update in "
                    + "hand finishes and is checkpointed) or --stop-after-updates, printing its totals every 10 "
                    + "seconds."
        },
        footer = ConfigSources.FOOTER,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped normally", "1:the broker, the registry or the disk failed",
            "2:an option has an invalid value"})
public final class LearnerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private MetricsOptions metrics;

    @Option(names = "--start-at", paramLabel = "TIME",
            description = "Without a checkpoint yet, train on trajectories appended from TIME on: an ISO-8601 "
                    + "instant or 'now' (default: the beginning of rl-trajectories-v1).")
    private String startAt;

    @Option(names = "--algorithm", paramLabel = "ALGO",
            description = "sft|ppo|grpo; picks the preset every other key starts from (default: ${DEFAULT-VALUE}).")
    private String algorithm = LearnerConfig.DEFAULT_ALGORITHM.name().toLowerCase(Locale.ROOT);

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
        return config;
    }

    /** Where the learner runs, from the options. */
    ServiceSettings settings() {
        return new ServiceSettings(cluster.bootstrapServers(), cluster.schemaRegistryUrl(), runDir, weightsDir,
                DeviceChoice.parse(device), stopAfterUpdates, startAt == null ? null : StartTime.parse(startAt));
    }

    @Override
    public Integer call() throws Exception {
        LearnerConfig config;
        ServiceSettings settings;
        try {
            config = config();
            settings = settings();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
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
}
