package io.rollstream.cli.chaos;

import static io.rollstream.cli.chaos.ChaosProgress.answeredBy;
import static io.rollstream.cli.chaos.ChaosProgress.closedSince;
import static io.rollstream.cli.chaos.ChaosProgress.line;
import static io.rollstream.cli.chaos.ChaosProgress.values;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline with its grader and two actors in child JVMs on a single embedded broker, while 800 episodes run
 * (more if a restarted piece is slow to come back and the queue would otherwise drain before the last fault): the
 * only broker is restarted on its data directory, so every client loses the whole cluster at once, and the grader
 * is killed with SIGKILL twice and one actor once, each restarted at once under the same identity; each fault
 * waits until every restarted piece has closed or answered episodes again. {@link ClusterChaosIT} kills single
 * brokers of a replicated cluster, and the learner, over 2,000 episodes. Afterwards the window must be exact: no episode lost, none closed
 * twice, every attempt graded once, nothing dead-lettered, no episode timed out.
 */
class CrashRecoveryIT {

    private static final int EPISODES = 800;
    /**
     * Episodes published up front; the rest follow once every fault has fired, which keeps work in flight for the
     * last faults however fast the machine is. Every fault's share is below this.
     */
    private static final int FIRST_FEED = 680;
    /**
     * When a restarted piece is slow to come back and the queue runs this low before every fault has fired, this
     * many more episodes go out, so the remaining faults still hit a pipeline at work.
     */
    private static final int TOP_UP = 50;
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(6);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(90);
    /**
     * Episodes each restarted piece must have visibly worked on before the next fault, so that no fault hits a
     * component that has not yet come back.
     */
    private static final int WORK_BETWEEN_FAULTS = 20;

    private enum Target { GRADER, ACTOR, BROKER }

    /** One fault, fired once this share of the episodes has closed, so every fault lands mid-run. */
    private record Fault(double atShare, Target target) {
    }

    private static final List<Fault> FAULTS = List.of(
            new Fault(0.10, Target.GRADER), new Fault(0.30, Target.BROKER), new Fault(0.50, Target.ACTOR),
            new Fault(0.70, Target.GRADER));

    @TempDir
    Path dir;

    @Test
    void shouldLoseNoEpisodeAndDuplicateNothingWhenGraderAndActorAreKilledAndTheBrokerRestarts() throws Exception {
        long started = System.nanoTime();
        try (ChaosStack stack = ChaosStack.start(dir.resolve("kafka"));
             HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl())) {
            CatalogSerdes serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
            Path weights = dir.resolve("weights");
            TinyPolicy.publish(stack, serdes, weights, dir);
            ChildJvm grader = PipelineJvms.grader(stack, "grader", dir.resolve("grader-state"), ATTEMPT_TIMEOUT, dir);
            ChildJvm actorA = PipelineJvms.actor(stack, "actor-a", weights, dir);
            ChildJvm actorB = PipelineJvms.actor(stack, "actor-b", weights, dir);
            List<ChildJvm> children = List.of(grader, actorA, actorB);
            children.forEach(ChildJvm::start);
            List<String> timeline = new ArrayList<>();
            boolean passed = false;
            try (TopicTail<String, Trajectory> tail = new TopicTail<>(stack.bootstrapServers(),
                    Topics.TRAJECTORIES.name(), new StringDeserializer(),
                    serdes.valueSerde(Topics.TRAJECTORIES).deserializer())) {
                Instant windowFrom = Instant.now();
                Set<String> fed = new LinkedHashSet<>(PipelineFeed.feed(stack, serdes, FIRST_FEED, 7));
                Instant windowTo = null;
                timeline.add(line(started, 0, "fed " + fed.size() + " episodes"));

                int brokerRestarts = 0;
                int next = 0;
                Instant graderSince = windowFrom;
                Instant actorSince = windowFrom;
                Instant brokerSince = windowFrom;
                long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
                int closed = 0;
                long feedSeed = 8;
                while (windowTo == null || closed < fed.size()) {
                    List<Trajectory> seen = values(tail.records());
                    closed = (int) seen.stream().map(Trajectory::getEpisodeId).distinct().count();
                    if (windowTo == null && next == FAULTS.size()) {
                        // The rest goes out only now, so a fast machine cannot finish the run before the last fault.
                        int rest = Math.max(0, EPISODES - fed.size());
                        if (rest > 0) {
                            fed.addAll(PipelineFeed.feed(stack, serdes, rest, feedSeed++));
                        }
                        windowTo = Instant.now().plusMillis(1);
                        timeline.add(line(started, closed, "fed the last " + rest + " episodes"));
                    } else if (windowTo == null && closed >= fed.size() - TOP_UP / 2) {
                        fed.addAll(PipelineFeed.feed(stack, serdes, TOP_UP, feedSeed++));
                        timeline.add(line(started, closed, "queue running dry with " + (FAULTS.size() - next)
                                + " faults to go: fed " + TOP_UP + " more episodes"));
                    }
                    if (next < FAULTS.size() && closed >= FAULTS.get(next).atShare() * EPISODES
                            && closedSince(seen, graderSince) >= WORK_BETWEEN_FAULTS
                            && closedSince(seen, brokerSince) >= WORK_BETWEEN_FAULTS
                            && answeredBy(seen, actorA.name(), actorSince) >= WORK_BETWEEN_FAULTS) {
                        Fault fault = FAULTS.get(next++);
                        if (fault.target() == Target.BROKER) {
                            Duration down = stack.restartBroker();
                            brokerSince = Instant.now();
                            brokerRestarts++;
                            timeline.add(line(started, closed, "broker restarted on its data directory, "
                                    + down.toMillis() + " ms without a broker"));
                        } else {
                            ChildJvm victim = fault.target() == Target.GRADER ? grader : actorA;
                            victim.kill();
                            victim.start();
                            if (fault.target() == Target.GRADER) {
                                graderSince = Instant.now();
                            } else {
                                actorSince = Instant.now();
                            }
                            timeline.add(line(started, closed, "SIGKILL " + victim.name() + ", restarted"));
                        }
                    }
                    for (ChildJvm child : children) {
                        if (!child.isAlive()) {
                            throw new AssertionError(child.name() + " exited on its own\n" + child.tails());
                        }
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(closed + " of " + fed.size() + " episodes closed within " + RUN_DEADLINE
                                + "\n" + String.join("\n", timeline));
                    }
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // polling interval of the progress check
                }
                timeline.add(line(started, closed, "every episode has a trajectory"));
                for (ChildJvm child : children) {
                    child.stop();
                }
                timeline.add(line(started, closed, "children stopped"));
                children.forEach(c -> timeline.add(line(started, fed.size(), c.logSummary())));

                WindowVerdict verdict = WindowVerdict.read(stack, serdes, fed, windowFrom, windowTo, READ_TIMEOUT);
                for (String found : verdict.describe()) {
                    timeline.add(line(started, closed, found));
                }
                System.out.println("crash recovery:\n  " + String.join("\n  ", timeline));

                assertEquals(2, grader.kills(), "grader SIGKILLs");
                assertEquals(1, actorA.kills(), "actor SIGKILLs");
                assertEquals(1, brokerRestarts, "broker restarts");
                verdict.assertExact(fed.size());
                passed = true;
            } finally {
                for (ChildJvm child : children) {
                    if (child.isAlive()) {
                        child.kill();
                    }
                }
                if (!passed) {
                    System.out.println("crash recovery failed; timeline:\n  " + String.join("\n  ", timeline));
                    children.forEach(c -> System.out.println(c.tails()));
                }
            }
        }
    }
}
