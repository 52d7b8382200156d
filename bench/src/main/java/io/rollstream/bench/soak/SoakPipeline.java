package io.rollstream.bench.soak;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rollstream.actor.config.ActorConfig;
import io.rollstream.actor.loop.ActorService;
import io.rollstream.grader.app.GraderApp;
import io.rollstream.grader.app.GraderConfig;
import io.rollstream.policy.model.DeviceChoice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The soak's grader and actors in this JVM, each replaceable by a new incarnation under the same identity: the
 * grader on the same application id and state directory, an actor under the same actor id (so its
 * transactional id fences the old one).
 */
final class SoakPipeline implements AutoCloseable {

    /** Group session timeout: how long a stopped member's partitions can stay unowned. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    private static final Duration START_LIMIT = Duration.ofMinutes(2);

    private final GraderConfig graderConfig;
    private final List<ActorConfig> actorConfigs;
    private volatile GraderApp grader;
    private final List<ActorService> actors = new ArrayList<>();

    private SoakPipeline(GraderConfig graderConfig, List<ActorConfig> actorConfigs) {
        this.graderConfig = graderConfig;
        this.actorConfigs = List.copyOf(actorConfigs);
    }

    /** Starts the grader and {@code actorCount} actors serving {@link SoakPolicy#NAME} from {@code weightsDir}. */
    static SoakPipeline start(SoakCluster cluster, Path stateDir, Path weightsDir, int actorCount,
                              Duration attemptTimeout, long seed) throws InterruptedException, TimeoutException {
        GraderConfig defaults = GraderConfig.defaults();
        GraderConfig grader = defaults.withCluster(cluster.bootstrapServers(), cluster.registryUrl())
                .withInstance("rollstream-soak-grader", stateDir, 1)
                .withSettings(defaults.settings().withAttemptTimeout(attemptTimeout))
                .withStreamsOverrides(Map.of(
                        "session.timeout.ms", Long.toString(SESSION_TIMEOUT.toMillis()),
                        "heartbeat.interval.ms", "1000",
                        "producer.transaction.timeout.ms", "10000"));
        List<ActorConfig> actors = new ArrayList<>();
        for (int i = 0; i < actorCount; i++) {
            actors.add(ActorConfig.builder()
                    .bootstrapServers(cluster.bootstrapServers())
                    .schemaRegistryUrl(cluster.registryUrl())
                    .actorId("soak-actor-" + (char) ('a' + i))
                    .policyName(SoakPolicy.NAME)
                    .batchSize(32)
                    .maxBatchWait(Duration.ofMillis(50))
                    .maxNewTokens(SoakFeed.MAX_NEW_TOKENS)
                    .device(DeviceChoice.CPU)
                    .seed(seed + i)
                    .weightsDir(weightsDir)
                    .sessionTimeout(SESSION_TIMEOUT)
                    .build());
        }
        SoakPipeline pipeline = new SoakPipeline(grader, actors);
        try {
            pipeline.grader = startGrader(grader);
            for (ActorConfig actor : actors) {
                pipeline.actors.add(startActor(actor));
            }
            return pipeline;
        } catch (InterruptedException | TimeoutException | RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    int actorCount() {
        return actorConfigs.size();
    }

    String actorId(int index) {
        return actorConfigs.get(index).actorId();
    }

    /** Closes the grader's Kafka Streams instance and starts a new one on the same state directory. */
    void restartGrader() throws InterruptedException, TimeoutException {
        grader.close();
        grader = startGrader(graderConfig);
    }

    /** Closes actor {@code index} and starts a new one under the same actor id. */
    void restartActor(int index) throws InterruptedException, TimeoutException {
        ActorService old;
        synchronized (actors) {
            old = actors.get(index);
        }
        old.close();
        ActorService fresh = startActor(actorConfigs.get(index));
        synchronized (actors) {
            actors.set(index, fresh);
        }
    }

    /** Why a piece stopped by itself, if one did. */
    Optional<String> failure() {
        Optional<String> graderFailure = grader.failure().map(f -> "grader: " + f);
        if (graderFailure.isPresent()) {
            return graderFailure;
        }
        synchronized (actors) {
            for (int i = 0; i < actors.size(); i++) {
                Optional<Throwable> failure = actors.get(i).failure();
                if (failure.isPresent()) {
                    return Optional.of(actorId(i) + ": " + failure.get());
                }
            }
        }
        return Optional.empty();
    }

    private static GraderApp startGrader(GraderConfig config) throws InterruptedException, TimeoutException {
        GraderApp app = GraderApp.start(config);
        try {
            app.awaitRunning(START_LIMIT);
            return app;
        } catch (InterruptedException | TimeoutException | RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private static ActorService startActor(ActorConfig config) throws InterruptedException, TimeoutException {
        ActorService actor = ActorService.create(config, new SimpleMeterRegistry());
        actor.start();
        if (!actor.awaitFirstPolicy(START_LIMIT) || !actor.awaitAssignment(START_LIMIT)) {
            String why = actor.failure().map(f -> ": " + f.getMessage()).orElse("");
            actor.close();
            throw new TimeoutException("actor " + config.actorId() + " did not load its policy and join its group within "
                    + START_LIMIT + why);
        }
        return actor;
    }

    @Override
    public void close() {
        synchronized (actors) {
            actors.forEach(ActorService::close);
            actors.clear();
        }
        if (grader != null) {
            grader.close();
        }
    }
}
