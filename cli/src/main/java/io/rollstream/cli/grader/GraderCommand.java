package io.rollstream.cli.grader;

import io.rollstream.cli.ClusterOptions;
import io.rollstream.cli.ConfigErrors;
import io.rollstream.grader.app.GraderApp;
import io.rollstream.grader.app.GraderConfig;
import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.grader.topology.GraderSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollstream grader}: runs the grading Kafka Streams application until interrupted. */
@Command(name = "grader",
        header = "Runs the exactly-once grading Kafka Streams application.", mixinStandardHelpOptions = true,
        description = {
                "Grades every attempt on rl-attempts-v1 against the ground truth on rl-questions-v1, with",
                "exactly-once processing: writes rl-graded-v1, retry prompts to rl-prompts-v1, one trajectory per",
                "episode to rl-trajectories-v1, and dead letters to rl-dlq-v1. Start more instances with the same",
                "--application-id to share the partitions. Runs until interrupted (Ctrl-C / SIGTERM)."})
public final class GraderCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = "rollstream-grader",
            description = "Kafka Streams application id; instances with the same id share the work (default: ${DEFAULT-VALUE}).")
    private String applicationId;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Stream threads in this instance (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--state-dir", paramLabel = "DIR",
            defaultValue = "${env:ROLLSTREAM_RUN_DIR:-rollstream-data}/grader-state",
            description = "Local state directory; rebuilt from changelogs if lost (default: ${DEFAULT-VALUE}).")
    private Path stateDir;

    @Option(names = "--attempt-timeout", paramLabel = "DURATION", defaultValue = "PT30M",
            description = "How long an open episode waits for its next attempt before closing as TIMEOUT, "
                    + "ISO-8601 (default: ${DEFAULT-VALUE}).")
    private Duration attemptTimeout;

    @Option(names = "--closed-retention", paramLabel = "DURATION", defaultValue = "PT24H",
            description = "How long closed episodes are remembered to reject late or duplicated attempts "
                    + "(default: ${DEFAULT-VALUE}).")
    private Duration closedRetention;

    @Option(names = "--max-answer-chars", paramLabel = "N", defaultValue = "16384",
            description = "Responses or answers longer than this are UNSCORABLE (default: ${DEFAULT-VALUE}).")
    private int maxAnswerChars;

    @Option(names = "--answer-time-limit", paramLabel = "DURATION", defaultValue = "PT2S",
            description = "Per-answer time limit of the checker; past it the attempt is UNSCORABLE (default: ${DEFAULT-VALUE}).")
    private Duration answerTimeLimit;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "-1",
            description = "Serve Prometheus metrics at http://host:PORT/metrics; -1 = off, 0 = any port "
                    + "(default: ${DEFAULT-VALUE}).")
    private int metricsPort;

    @Option(names = "--streams-config", paramLabel = "KEY=VALUE",
            description = "Extra Kafka Streams property, repeatable (e.g. session.timeout.ms=10000).")
    private Map<String, String> streamsConfig = Map.of();

    /** The config these options describe; a bad value fails with the option's name. */
    GraderConfig config() {
        GraderSettings settings = new GraderSettings(GraderConfig.GRADER_VERSION, attemptTimeout,
                Duration.ofSeconds(1), closedRetention);
        CheckerConfig checker = new CheckerConfig(maxAnswerChars, answerTimeLimit, CheckerConfig.DEFAULT_ALGEBRA_THREADS);
        return new GraderConfig(cluster.bootstrapServers(), cluster.schemaRegistryUrl(), applicationId, threads,
                stateDir, metricsPort, settings, checker, streamsConfig);
    }

    @Override
    public Integer call() throws Exception {
        GraderConfig config = ConfigErrors.orParameterError(spec, this::config);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        GraderApp app = GraderApp.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "rollstream-grader-shutdown"));
        app.awaitRunning(Duration.ofMinutes(2));
        out.printf("grader %s running as %s on %s%s%n", GraderConfig.GRADER_VERSION, config.applicationId(),
                config.bootstrapServers(), app.metricsPort() < 0 ? "" : ", metrics on :" + app.metricsPort() + "/metrics");
        out.flush();
        stopped.await();
        return 0;
    }
}
