package io.rollstream.experiment.demo;

import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.TaskItem;
import io.rollstream.grader.app.GraderApp;
import io.rollstream.audit.AuditConfig;
import io.rollstream.audit.AuditReport;
import io.rollstream.audit.Auditor;
import io.rollstream.grader.app.GraderConfig;
import io.rollstream.infra.security.Role;
import io.rollstream.infra.stack.LocalStack;
import io.rollstream.infra.stack.LocalStackConfig;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The main job: on one Kafka cluster (embedded unless told otherwise) it runs the grader throughout, warms a
 * model up with supervised training, trains it twice with PPO from that same start (multi-attempt, N drawn from
 * 1..K; single-turn, N = 1), then evaluates the warm start and both policies with k = 1..K attempts.
 */
public final class DemoRunner {

    /** Tiny models answer in seconds: a demo episode silent for three minutes is stuck, not slow. */
    private static final Duration DEMO_ATTEMPT_TIMEOUT = Duration.ofMinutes(3);
    /**
     * The grader's Kafka Streams application id: its group, transactional ids and internal topics start with the
     * grader role's resource prefix, which is all its ACLs allow on a secure stack.
     */
    static final String GRADER_APPLICATION_ID = Role.GRADER.resourcePrefix() + "-demo";

    private final DemoSettings settings;
    private final PrintStream console;
    /**
     * Policy names on rl-policy-versions-v1, unique per run: a second run on the same external cluster must not
     * find an earlier run's higher version of "its" policy and serve that instead.
     */
    private final String runId;
    private final String sftName;
    private final String multiName;
    private final String singleName;
    private final List<TaskItem> train;
    private final List<TaskItem> test;
    /** How the run meets its cluster. */
    private final PipelineSecurity security;

    /** Loads the run's questions here, before anything starts, so a data set the run cannot read fails at once. */
    public DemoRunner(DemoSettings settings, PrintStream console) {
        this(settings, console, PipelineSecurity.OPEN);
    }

    /**
     * A run secured as {@code security} says: on a secure cluster (its own embedded one, or the external one of the
     * settings) each in-process component logs in as its own role's user.
     */
    public DemoRunner(DemoSettings settings, PrintStream console, PipelineSecurity security) {
        if (security.stackOrNull() != null && !settings.embedded()) {
            throw new IllegalArgumentException("secure: a secure embedded stack cannot run against bootstrap-servers;"
                    + " log in to that cluster instead");
        }
        this.security = security;
        this.settings = settings;
        this.console = console;
        this.train = settings.questions("train");
        this.test = settings.questions("test");
        // The clock names the run; it never feeds a seed. Episode ids include the run, so a rerun with the same
        // seed on the same cluster makes the same episodes under new ids.
        this.runId = "demo-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(LocalDateTime.now());
        this.sftName = "sft-" + runId;
        this.multiName = "multi-attempt-" + runId;
        this.singleName = "single-turn-" + runId;
    }

    /** Runs every phase and writes results.json and the plots into the run directory. */
    public DemoResult run() throws Exception {
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        return onPipeline(ctx -> {
            DemoResult result = phases(ctx);
            PipelineCounts counts = PipelineCounts.read(ctx.bootstrapServers(), ctx.login(Role.AUDITOR),
                    ctx.serdes());
            console.println("auditing the run's topics ...");
            AuditReport audit = Auditor.run(AuditConfig.of(ctx.bootstrapServers(), ctx.schemaRegistryUrl(),
                    startedAt, Instant.now(), false).withLogin(ctx.login(Role.AUDITOR)));
            return result.withPipeline(counts, audit, ctx.bootstrapServers(), ctx.schemaRegistryUrl(),
                    Duration.ofNanos(System.nanoTime() - started));
        });
    }

    /** Work done with the pipeline up: the run's context in, a result out. */
    interface Phases<T> {
        T run(DemoContext ctx) throws Exception;
    }

    /**
     * Starts the run's cluster (embedded, or the external one of the settings) and its grader, runs
     * {@code phases} with the context every phase shares, and stops what it started.
     */
    <T> T onPipeline(Phases<T> phases) throws Exception {
        return withPipeline(settings.runDir(), settings.bootstrapServers(), settings.schemaRegistryUrl(), security,
                DEMO_ATTEMPT_TIMEOUT, console, (bootstrap, registryUrl, serdes, logins) -> phases.run(
                        new DemoContext(settings, bootstrap, registryUrl, serdes,
                                settings.runDir().toAbsolutePath().resolve("weights"), train, test, console, runId,
                                logins)));
    }

    /** What the run is configured with. */
    public DemoSettings settings() {
        return settings;
    }

    /** How many questions the run trains and evaluates on, keyed by data set and split ({@code gsm8k/train}). */
    public Map<String, Integer> questionCounts() {
        String dataset = settings.dataset().id();
        return Map.of(dataset + "/train", train.size(), dataset + "/test", test.size());
    }

    /** Work done on a running cluster and grader. */
    public interface OnCluster<T> {
        T run(String bootstrapServers, String schemaRegistryUrl, CatalogSerdes serdes) throws Exception;
    }

    /**
     * Starts an embedded broker and registry under {@code runDir} (or uses the external cluster when
     * {@code bootstrapOrNull} is given) and a grader, runs {@code work}, and stops what it started.
     */
    public static <T> T withPipeline(Path runDir, String bootstrapOrNull, String registryOrNull, PrintStream console,
                                     OnCluster<T> work) throws Exception {
        return withPipeline(runDir, bootstrapOrNull, registryOrNull, DEMO_ATTEMPT_TIMEOUT, console, work);
    }

    /**
     * {@link #withPipeline(Path, String, String, PrintStream, OnCluster)} with a grader that closes an episode
     * after {@code attemptTimeout} without its next attempt.
     */
    public static <T> T withPipeline(Path runDir, String bootstrapOrNull, String registryOrNull,
                                     Duration attemptTimeout, PrintStream console, OnCluster<T> work)
            throws Exception {
        return withPipeline(runDir, bootstrapOrNull, registryOrNull, PipelineSecurity.OPEN, attemptTimeout, console,
                (bootstrap, registryUrl, serdes, logins) -> work.run(bootstrap, registryUrl, serdes));
    }

    /** Work done on a running cluster and grader, knowing how each role logs in. */
    public interface OnLoggedInCluster<T> {
        T run(String bootstrapServers, String schemaRegistryUrl, CatalogSerdes serdes, PipelineLogins logins)
                throws Exception;
    }

    /**
     * As above, secured as {@code security} says: the embedded stack is the secure one when it has a stack's
     * users, and on a secure cluster the grader, the shared serdes (as the feeder) and every component
     * {@code work} starts log in as their roles' users.
     */
    public static <T> T withPipeline(Path runDir, String bootstrapOrNull, String registryOrNull,
                                     PipelineSecurity security, Duration attemptTimeout, PrintStream console,
                                     OnLoggedInCluster<T> work) throws Exception {
        if (bootstrapOrNull != null && security.stackOrNull() != null) {
            throw new IllegalArgumentException("a secure embedded stack and an external cluster at once");
        }
        Path dir = Files.createDirectories(runDir.toAbsolutePath());
        LocalStackConfig local = LocalStackConfig.onFreePorts(dir.resolve("kafka"));
        try (LocalStack stack = bootstrapOrNull != null ? null : security.stackOrNull() != null
                ? LocalStack.startSecure(local, security.stackOrNull()) : LocalStack.start(local)) {
            String bootstrap = stack == null ? bootstrapOrNull : stack.bootstrapServers();
            String registryUrl = stack == null ? registryOrNull : stack.registryUrl();
            PipelineLogins logins = security.logins();
            console.printf("Kafka at %s%s, schema registry at %s, run directory %s%n", bootstrap,
                    logins.secured() ? " (SASL/SCRAM, a user per role)" : "", registryUrl, dir);
            try (HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(registryUrl,
                    logins.of(Role.FEEDER));
                 GraderApp grader = GraderApp.start(graderConfig(bootstrap, registryUrl, dir, attemptTimeout)
                         .withLogin(logins.of(Role.GRADER)))) {
                grader.awaitRunning(Duration.ofMinutes(2));
                return work.run(bootstrap, registryUrl, CatalogSerdes.create(registry, SerdeOptions.defaults()),
                        logins);
            }
        }
    }

    private DemoResult phases(DemoContext ctx) throws Exception {
        SftPhase sft = new SftPhase(ctx);
        SftPhase.Result warm = sft.run(sftName);
        console.printf("warm start: %d examples, loss %.3f -> %.3f, published %s v%d%n", warm.examples(),
                warm.firstEpochLoss(), warm.lastEpochLoss(), sftName, warm.published().getVersion());
        sft.startFrom(warm.published(), multiName);
        sft.startFrom(warm.published(), singleName);
        List<RlPhase.Result> training = new ArrayList<>();
        training.add(new RlPhase(ctx, "multi-attempt", multiName,
                AttemptsPolicy.parse("1-" + settings.maxAttempts())).run("PPO multi-attempt (N in 1.." + settings.maxAttempts() + ")"));
        training.add(new RlPhase(ctx, "single-turn", singleName, AttemptsPolicy.parse("1"))
                .run("PPO single-turn (N = 1)"));
        EvalPhase eval = new EvalPhase(ctx);
        List<EvalPhase.Result> evaluations = new ArrayList<>();
        long evalSeed = settings.seed() * 7_919;
        evaluations.add(eval.run("SFT start", sftName, evalSeed));
        evaluations.add(eval.run("multi-attempt PPO", multiName, evalSeed + 1));
        evaluations.add(eval.run("single-turn PPO", singleName, evalSeed + 2));
        return new DemoResult(settings, warm, training, evaluations, null, null, null, null, null, Map.of());
    }

    private static GraderConfig graderConfig(String bootstrap, String registryUrl, Path runDir,
                                             Duration attemptTimeout) {
        GraderConfig defaults = GraderConfig.defaults();
        return defaults.withCluster(bootstrap, registryUrl)
                .withInstance(GRADER_APPLICATION_ID, runDir.resolve(GraderConfig.STATE_DIR_NAME), defaults.threads())
                .withSettings(defaults.settings().withAttemptTimeout(attemptTimeout));
    }
}
