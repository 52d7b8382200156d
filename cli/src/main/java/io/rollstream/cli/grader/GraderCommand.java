package io.rollstream.cli.grader;

import io.rollstream.cli.ClusterOptions;
import io.rollstream.cli.SecurityOptions;
import io.rollstream.cli.ConfigErrors;
import io.rollstream.cli.ConfigSources;
import io.rollstream.cli.run.ComponentLifecycle;
import io.rollstream.cli.run.MetricsOptions;
import io.rollstream.grader.app.GraderConfig;
import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.schemas.topics.ClusterDefaults;
import io.rollstream.infra.security.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollstream grader}: runs the grading Kafka Streams application until interrupted. */
@Command(name = "grader",
        header = "Runs the exactly-once grading Kafka Streams application.", mixinStandardHelpOptions = true,
        description = {
                "Grades every attempt on rl-attempts-v1 against the ground truth on rl-questions-v1, with "
                        + "exactly-once processing: writes rl-graded-v1, retry prompts to rl-prompts-v1, one "
                        + "trajectory per episode to rl-trajectories-v1, and dead letters to rl-dlq-v1. Start more "
                        + "instances with the same --application-id to share the partitions. Runs until interrupted "
                        + "(Ctrl-C / SIGTERM), printing its totals every 10 seconds."},
        footer = ConfigSources.FOOTER,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped normally", "1:Kafka Streams, the broker or the registry failed",
            "2:an option has an invalid value"})
public final class GraderCommand implements Callable<Integer> {

    private static final GraderConfig DEFAULTS = GraderConfig.defaults();

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private SecurityOptions security;

    @Mixin
    private MetricsOptions metrics;

    @Option(names = "--application-id", paramLabel = "ID",
            description = "Kafka Streams application id; instances with the same id share the work (default: ${DEFAULT-VALUE}).")
    private String applicationId = DEFAULTS.applicationId();

    @Option(names = "--threads", paramLabel = "N",
            description = "Stream threads in this instance (default: ${DEFAULT-VALUE}).")
    private int threads = DEFAULTS.threads();

    @Option(names = "--state-dir", paramLabel = "DIR",
            defaultValue = "${env:ROLLSTREAM_RUN_DIR:-" + ClusterDefaults.RUN_DIR + "}/" + GraderConfig.STATE_DIR_NAME,
            description = "Local state directory; rebuilt from changelogs if lost "
                    + "(env ROLLSTREAM_RUN_DIR names its parent; default: ${DEFAULT-VALUE}).")
    private Path stateDir;

    @Option(names = "--attempt-timeout", paramLabel = "DURATION",
            description = "How long an open episode waits for its next attempt before closing as TIMEOUT, "
                    + "ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Duration attemptTimeout = DEFAULTS.settings().attemptTimeout();

    @Option(names = "--closed-retention", paramLabel = "DURATION",
            description = "How long closed episodes are remembered to reject late or duplicated attempts "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration closedRetention = DEFAULTS.settings().closedRetention();

    @Option(names = "--max-answer-chars", paramLabel = "N",
            description = "Responses or answers longer than this are UNSCORABLE (default: ${DEFAULT-VALUE}).")
    private int maxAnswerChars = DEFAULTS.checker().maxInputChars();

    @Option(names = "--answer-time-limit", paramLabel = "DURATION",
            description = "Per-answer time limit of the checker; past it the attempt is UNSCORABLE (default: ${DEFAULT-VALUE}).")
    private Duration answerTimeLimit = DEFAULTS.checker().timeLimit();

    @Option(names = "--streams-config", paramLabel = "KEY=VALUE",
            description = "Extra Kafka Streams property, repeatable (e.g. session.timeout.ms=10000).")
    private Map<String, String> streamsConfig = Map.of();

    /** The config these options describe; a bad value fails with the option's name. */
    GraderConfig config() {
        return DEFAULTS.withCluster(cluster.bootstrapServers(), cluster.schemaRegistryUrl())
                .withInstance(applicationId, stateDir, threads)
                .withSettings(DEFAULTS.settings().withAttemptTimeout(attemptTimeout).withClosedRetention(closedRetention))
                .withChecker(new CheckerConfig(maxAnswerChars, answerTimeLimit, DEFAULTS.checker().algebraThreads()))
                .withStreamsOverrides(streamsConfig)
                .withLogin(security.login(spec, Role.GRADER));
    }

    @Override
    public Integer call() {
        GraderConfig config = ConfigErrors.orParameterError(spec, this::config);
        return ComponentLifecycle.run("grader", metrics.metricsPort(), spec.commandLine().getOut(),
                spec.commandLine().getErr(), meters -> RunningGrader.start(config, meters));
    }
}
