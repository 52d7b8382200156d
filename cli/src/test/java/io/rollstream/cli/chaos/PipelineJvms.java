package io.rollstream.cli.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The grader and actor child JVMs of the chaos tests, with short session and transaction timeouts so a killed
 * member's partitions move within seconds.
 */
final class PipelineJvms {

    /** Group session timeout of every child: the longest a killed member's partitions stay unowned. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);

    private PipelineJvms() {
    }

    /**
     * A grader instance; restarts reuse {@code stateDir}, so the new incarnation keeps the old one's process id
     * (and so its transactional ids, which fences the dead one's open transactions at once).
     */
    static ChildJvm grader(StackAddress stack, String name, Path stateDir, Duration attemptTimeout, Path logDir) {
        return ChildJvm.of(name, "grader", jvm("-Xmx384m"), List.of(
                "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.registryUrl(),
                "--application-id", "chaos-grader",
                "--state-dir", stateDir.toString(),
                "--threads", "1",
                "--attempt-timeout", attemptTimeout.toString(),
                "--streams-config", "session.timeout.ms=" + SESSION_TIMEOUT.toMillis(),
                "--streams-config", "heartbeat.interval.ms=1000",
                "--streams-config", "producer.transaction.timeout.ms=10000"), logDir);
    }

    /** An actor serving the tiny policy from {@code weightsDir}; restarts reuse {@code actorId}. */
    static ChildJvm actor(StackAddress stack, String actorId, Path weightsDir, Path logDir) {
        return ChildJvm.of(actorId, "actor", jvm("-Xmx512m"), List.of(
                "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.registryUrl(),
                "--actor-id", actorId,
                "--group-id", "chaos-actors",
                "--batch-size", "32",
                "--max-batch-wait-ms", "50",
                "--max-new-tokens", "8",
                "--device", "cpu",
                "--seed", "11",
                "--weights-dir", weightsDir.toString(),
                "--session-timeout-ms", Long.toString(SESSION_TIMEOUT.toMillis())), logDir);
    }

    /**
     * A PPO learner training the tiny policy on every trajectory, checkpointing after each update so a restart
     * resumes from the last one; restarts reuse {@code runDir}. {@code batch} trajectories make one update.
     */
    static ChildJvm learner(StackAddress stack, Path runDir, Path weightsDir, int batch, Path logDir) {
        return ChildJvm.of("learner", "learner", jvm("-Xmx512m"), List.of(
                "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.registryUrl(),
                "--run-dir", runDir.toString(),
                "--weights-dir", weightsDir.toString(),
                "--policy-name", TinyPolicy.POLICY,
                "--algorithm", "ppo", "--device", "cpu", "--model", "tiny", "--no-replay",
                "--set", "batchEpisodes=" + batch, "--set", "miniBatchSize=" + batch, "--set", "epochs=1",
                "--set", "maxStaleness=100000", "--set", "checkpointEvery=1", "--set", "publishEvery=10"), logDir);
    }

    /** The same JVM settings as the pipeline's children, for other children of the chaos tests. */
    static List<String> jvmOptions(String heap) {
        return jvm(heap);
    }

    private static List<String> jvm(String heap) {
        // Serial GC: three child JVMs and the broker share two cores, so no parallel collector threads.
        return List.of(heap, "-XX:+UseSerialGC", "-Dai.djl.offline=true", "-Dai.djl.default_engine=PyTorch");
    }
}
