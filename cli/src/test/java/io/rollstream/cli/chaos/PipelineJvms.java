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
    static ChildJvm grader(ChaosStack stack, String name, Path stateDir, Duration attemptTimeout, Path logDir) {
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
    static ChildJvm actor(ChaosStack stack, String actorId, Path weightsDir, Path logDir) {
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

    private static List<String> jvm(String heap) {
        // Serial GC: three child JVMs and the broker share two cores, so no parallel collector threads.
        return List.of(heap, "-XX:+UseSerialGC", "-Dai.djl.offline=true", "-Dai.djl.default_engine=PyTorch");
    }
}
