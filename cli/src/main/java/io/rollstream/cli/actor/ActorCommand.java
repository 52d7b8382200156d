package io.rollstream.cli.actor;

import io.rollstream.actor.config.ActorConfig;
import io.rollstream.cli.ClusterOptions;
import io.rollstream.cli.SecurityOptions;
import io.rollstream.cli.ConfigErrors;
import io.rollstream.cli.ConfigSources;
import io.rollstream.cli.run.ComponentLifecycle;
import io.rollstream.cli.run.MetricsOptions;
import io.rollstream.infra.security.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rollstream actor}: one actor that answers prompts with the newest policy version, exactly once per
 * prompt, until stopped with SIGTERM or Ctrl-C. Every option also reads the environment variable it names; the
 * defaults are {@link ActorConfig}'s.
 */
@Command(name = "actor",
        header = "Turns prompts into attempts with the current policy, transactionally.", mixinStandardHelpOptions = true,
        description = "Consumes rl-prompts-v1 in a consumer group, generates attempts in batches and commits them "
                + "to rl-attempts-v1 together with the consumed offsets in one transaction; follows "
                + "rl-policy-versions-v1 and swaps verified weights between batches. Run more actors with "
                + "different --actor-id values to scale out; restart an actor with the same id. Runs until "
                + "interrupted (Ctrl-C / SIGTERM), finishing and committing the batch in hand, and prints its "
                + "totals every 10 seconds.",
        footer = ConfigSources.FOOTER,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped normally", "1:the broker, the registry or the weights store failed",
            "2:an option has an invalid value"})
public final class ActorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Mixin
    private SecurityOptions security;

    @Mixin
    private MetricsOptions metrics;

    @Option(names = "--actor-id", paramLabel = "ID", defaultValue = "${env:ROLLSTREAM_ACTOR_ID:-" + ActorConfig.DEFAULT_ACTOR_ID + "}",
            description = "Stable id of this actor; reuse it on restart so the new process fences the old one "
                    + "(env ROLLSTREAM_ACTOR_ID; default: ${DEFAULT-VALUE}).")
    private String actorId;

    @Option(names = "--group-id", paramLabel = "GROUP", defaultValue = "${env:ROLLSTREAM_ACTOR_GROUP_ID:-}",
            description = "Consumer group shared by the actors of the policy; each policy's actors need their own "
                    + "(env ROLLSTREAM_ACTOR_GROUP_ID; default: " + ActorConfig.DEFAULT_GROUP_PREFIX + "POLICY-NAME).")
    private String groupId;

    @Option(names = "--policy-name", paramLabel = "NAME",
            defaultValue = "${env:ROLLSTREAM_POLICY_NAME:-" + ActorConfig.DEFAULT_POLICY_NAME + "}",
            description = "Policy whose versions to follow and whose prompts to answer; prompts of other policies "
                    + "are skipped (env ROLLSTREAM_POLICY_NAME; default: ${DEFAULT-VALUE}).")
    private String policyName;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "${env:ROLLSTREAM_ACTOR_BATCH_SIZE:-" + ActorConfig.DEFAULT_BATCH_SIZE + "}",
            description = "Prompts generated together; also the bound on work in flight "
                    + "(env ROLLSTREAM_ACTOR_BATCH_SIZE; default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--max-batch-wait-ms", paramLabel = "MS",
            defaultValue = "${env:ROLLSTREAM_ACTOR_MAX_BATCH_WAIT_MS:-" + ActorConfig.DEFAULT_MAX_BATCH_WAIT_MS + "}",
            description = "Longest wait to fill a batch (env ROLLSTREAM_ACTOR_MAX_BATCH_WAIT_MS; default: ${DEFAULT-VALUE}).")
    private long maxBatchWaitMs;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "${env:ROLLSTREAM_ACTOR_TEMPERATURE:-" + ActorConfig.DEFAULT_TEMPERATURE + "}",
            description = "Default sampling temperature, 0 = greedy; prompts may override "
                    + "(env ROLLSTREAM_ACTOR_TEMPERATURE; default: ${DEFAULT-VALUE}).")
    private float temperature;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "${env:ROLLSTREAM_ACTOR_TOP_P:-" + ActorConfig.DEFAULT_TOP_P + "}",
            description = "Nucleus-sampling mass in (0, 1] (env ROLLSTREAM_ACTOR_TOP_P; default: ${DEFAULT-VALUE}).")
    private float topP;

    @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "${env:ROLLSTREAM_ACTOR_MAX_NEW_TOKENS:-" + ActorConfig.DEFAULT_MAX_NEW_TOKENS + "}",
            description = "Default token limit per attempt; prompts may override "
                    + "(env ROLLSTREAM_ACTOR_MAX_NEW_TOKENS; default: ${DEFAULT-VALUE}).")
    private int maxNewTokens;

    @Option(names = "--device", paramLabel = "AUTO|CPU|GPU", defaultValue = "${env:ROLLSTREAM_DEVICE:-" + ActorConfig.DEFAULT_DEVICE + "}",
            description = "Where the model runs (env ROLLSTREAM_DEVICE; default: ${DEFAULT-VALUE}).")
    private String device;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "${env:ROLLSTREAM_ACTOR_SEED:-" + ActorConfig.DEFAULT_SEED + "}",
            description = "Base sampling seed (env ROLLSTREAM_ACTOR_SEED; default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--weights-dir", paramLabel = "DIR", defaultValue = "${env:ROLLSTREAM_WEIGHTS_DIR:-" + ActorConfig.DEFAULT_WEIGHTS_DIR + "}",
            description = "Local content-addressed weights store (env ROLLSTREAM_WEIGHTS_DIR; default: ${DEFAULT-VALUE}).")
    private Path weightsDir;

    @Option(names = "--transactional-id-prefix", paramLabel = "PREFIX",
            defaultValue = "${env:ROLLSTREAM_ACTOR_TRANSACTIONAL_ID_PREFIX:-"
                    + ActorConfig.DEFAULT_TRANSACTIONAL_ID_PREFIX + "}",
            description = "Prefix of the producer's transactional id "
                    + "(env ROLLSTREAM_ACTOR_TRANSACTIONAL_ID_PREFIX; default: ${DEFAULT-VALUE}).")
    private String transactionalIdPrefix;

    @Option(names = "--session-timeout-ms", paramLabel = "MS",
            defaultValue = "${env:ROLLSTREAM_ACTOR_SESSION_TIMEOUT_MS:-" + ActorConfig.DEFAULT_SESSION_TIMEOUT_MS + "}",
            description = "How long a dead actor keeps its partitions before they move "
                    + "(env ROLLSTREAM_ACTOR_SESSION_TIMEOUT_MS; default: ${DEFAULT-VALUE}).")
    private long sessionTimeoutMs;

    /** The config these options describe; a bad value fails naming its key. */
    ActorConfig config() {
        return ActorConfig.builder()
                .bootstrapServers(cluster.bootstrapServers())
                .schemaRegistryUrl(cluster.schemaRegistryUrl())
                .actorId(actorId)
                .groupId(groupId)
                .policyName(policyName)
                .batchSize(batchSize)
                .maxBatchWait(Duration.ofMillis(maxBatchWaitMs))
                .temperature(temperature)
                .topP(topP)
                .maxNewTokens(maxNewTokens)
                .device(device)
                .seed(seed)
                .weightsDir(weightsDir)
                .transactionalIdPrefix(transactionalIdPrefix)
                .sessionTimeout(Duration.ofMillis(sessionTimeoutMs))
                .login(security.login(spec, Role.ACTOR))
                .build();
    }

    @Override
    public Integer call() {
        ActorConfig config = ConfigErrors.orParameterError(spec, this::config);
        return ComponentLifecycle.run("actor", metrics.metricsPort(), spec.commandLine().getOut(),
                spec.commandLine().getErr(), meters -> RunningActor.start(config, meters));
    }
}
