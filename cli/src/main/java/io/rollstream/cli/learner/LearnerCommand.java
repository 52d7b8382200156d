package io.rollstream.cli.learner;

import io.rollstream.policy.model.ModelPreset;
import io.rollstream.cli.ClusterOptions;
import io.rollstream.learner.config.Algorithm;
import io.rollstream.learner.config.ConfigKeys;
import io.rollstream.learner.config.LearnerConfig;
import io.rollstream.learner.service.LearnerService;
import io.rollstream.learner.service.ServiceSettings;
import io.rollstream.learner.service.SftRun;
import io.rollstream.policy.model.DeviceChoice;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
                    + "resumes from there after a crash."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped normally", "1:the broker, the registry or the disk failed",
            "2:an option has an invalid value"})
public final class LearnerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--start-at", paramLabel = "TIME",
            description = "Without a checkpoint yet, train on trajectories appended from TIME on: an ISO-8601 "
                    + "instant or 'now' (default: the beginning of rl-trajectories-v1).")
    private String startAt;

    @Option(names = "--algorithm", paramLabel = "ALGO", defaultValue = "ppo",
            description = "sft|ppo|grpo; picks the preset every other key starts from (default: ${DEFAULT-VALUE}).")
    private String algorithm;

    @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = "runs/learner",
            description = "Checkpoints, metrics.jsonl and updates.jsonl (default: ${DEFAULT-VALUE}).")
    private Path runDir;

    @Option(names = "--weights-dir", paramLabel = "DIR",
            description = "Content-addressed weights store shared with the actors (default: RUN-DIR/weights).")
    private Path weightsDir;

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            description = "auto|cpu|gpu (default: ${DEFAULT-VALUE}).")
    private String device;

    @Option(names = "--model", paramLabel = "PRESET",
            description = "Model preset when no version exists yet: tiny|small|base (default: the preset's, tiny).")
    private String model;

    @Option(names = "--policy-name", paramLabel = "NAME", description = "Policy to train (default: default).")
    private String policyName;

    @Option(names = "--sft-data", paramLabel = "FILE", description = "SFT examples, JSON lines (sft only).")
    private Path sftData;

    @Option(names = "--no-replay", description = "Turn retrospective replay off.")
    private boolean noReplay;

    @Option(names = "--stop-after-updates", paramLabel = "N", defaultValue = "0",
            description = "Stop after N updates in total; 0 runs until interrupted (default: ${DEFAULT-VALUE}).")
    private long stopAfterUpdates;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any LearnerConfig key, e.g. --set learningRate=3e-4 --set maxStaleness=2.")
    private List<String> sets = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        LearnerConfig config;
        ServiceSettings settings;
        try {
            LearnerConfig.Builder builder = LearnerConfig.preset(Algorithm.parse(algorithm)).toBuilder();
            if (model != null) {
                builder.modelPreset(ModelPreset.parse(model));
            }
            if (policyName != null) {
                builder.policyName(policyName);
            }
            if (noReplay) {
                builder.replayEnabled(false);
            }
            sets.forEach(s -> ConfigKeys.apply(builder, s));
            config = builder.build();
            settings = new ServiceSettings(cluster.bootstrapServers(), cluster.schemaRegistryUrl(), runDir, weightsDir,
                    DeviceChoice.parse(device), stopAfterUpdates, startAt == null ? null : StartTime.parse(startAt));
            if (config.algorithm() == Algorithm.SFT && sftData == null) {
                throw new IllegalArgumentException("--sft-data is required with --algorithm sft");
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (config.algorithm() == Algorithm.SFT) {
            SftRun.Outcome outcome = SftRun.run(config, settings, sftData);
            spec.commandLine().getOut().printf(Locale.ROOT, "SFT loss %.3f -> %.3f; published %s version %d (%s)%n",
                    outcome.training().firstEpochLoss(), outcome.training().lastEpochLoss(),
                    outcome.published().getPolicyName(), outcome.published().getVersion(),
                    outcome.published().getSha256());
            return 0;
        }
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch stopped = new CountDownLatch(1);
        // On SIGTERM the loop finishes its update and writes a final checkpoint before the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.set(false);
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try (LearnerService service = LearnerService.open(config, settings)) {
            long updates = service.run(running::get);
            spec.commandLine().getOut().printf(Locale.ROOT, "learner stopped after %d updates at version %d%n",
                    updates, service.version());
        } finally {
            stopped.countDown();
        }
        return 0;
    }
}
