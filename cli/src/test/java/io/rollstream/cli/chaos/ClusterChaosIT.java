package io.rollstream.cli.chaos;

import static io.rollstream.cli.chaos.ChaosProgress.answeredBy;
import static io.rollstream.cli.chaos.ChaosProgress.closedSince;
import static io.rollstream.cli.chaos.ChaosProgress.line;
import static io.rollstream.cli.chaos.ChaosProgress.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.schemas.avro.PromptOrigin;
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
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline in separate JVMs on a three-broker cluster (every topic replicated three ways,
 * {@code min.insync.replicas=2}, no unclean leader election), each broker a JVM of its own, while at least 2,000
 * episodes run: the broker leading the attempts partitions is killed with SIGKILL twice (and started again once
 * its leaderships have moved), the grader twice, one of two actors twice, and the PPO learner once while it
 * trains with trajectories waiting. Every fault waits until the pieces it hit work again. Afterwards the window
 * must be exact: no episode lost or closed twice, every attempt graded once, nothing dead-lettered, no timeout,
 * the auditor passes, and the learner, resumed from its checkpoint, trained every trajectory exactly once.
 */
class ClusterChaosIT {

    /** Episodes of the run: a multiple of {@link #BATCH}, so the learner's last update is a full one. */
    private static final int EPISODES = 2_000;
    /** Episodes published up front; the rest follow once every fault has fired (a multiple of the batch). */
    private static final int FIRST_FEED = 1_696;
    /** Episodes added when the queue runs low before the last fault (a multiple of the batch). */
    private static final int TOP_UP = 96;
    /** Trajectories per learner update. */
    private static final int BATCH = 16;
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(20);
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(90);
    private static final int WORK_BETWEEN_FAULTS = 20;

    private enum Target { BROKER, GRADER, ACTOR, LEARNER }

    /** One fault, fired once this share of the episodes has closed. */
    private record Fault(double atShare, Target target) {
    }

    private static final List<Fault> FAULTS = List.of(
            new Fault(0.06, Target.GRADER), new Fault(0.16, Target.BROKER), new Fault(0.28, Target.ACTOR),
            new Fault(0.38, Target.LEARNER), new Fault(0.48, Target.GRADER), new Fault(0.60, Target.BROKER),
            new Fault(0.72, Target.ACTOR));

    @TempDir
    Path dir;

    @Test
    void shouldLoseNothingAndTrainEveryTrajectoryOnceWhenLeaderBrokersGraderActorAndLearnerAreKilled()
            throws Exception {
        long started = System.nanoTime();
        List<String> timeline = new ArrayList<>();
        try (ClusterChaosStack stack = ClusterChaosStack.start(dir.resolve("kafka"), dir);
             HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl())) {
            timeline.add(line(started, 0, "three brokers up, topics replicated three ways"));
            CatalogSerdes serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
            Path weights = dir.resolve("weights");
            Path learnerRun = dir.resolve("learner");
            TinyPolicy.publish(stack, serdes, weights, dir);
            ChildJvm grader = PipelineJvms.grader(stack, "grader", dir.resolve("grader-state"), ATTEMPT_TIMEOUT, dir);
            ChildJvm actorA = PipelineJvms.actor(stack, "actor-a", weights, dir);
            ChildJvm actorB = PipelineJvms.actor(stack, "actor-b", weights, dir);
            ChildJvm learner = PipelineJvms.learner(stack, learnerRun, weights, BATCH, dir);
            List<ChildJvm> children = List.of(grader, actorA, actorB, learner);
            children.forEach(ChildJvm::start);
            boolean passed = false;
            try (TopicTail<String, Trajectory> tail = new TopicTail<>(stack.bootstrapServers(),
                    Topics.TRAJECTORIES.name(), new StringDeserializer(),
                    serdes.valueSerde(Topics.TRAJECTORIES).deserializer())) {
                Instant windowFrom = Instant.now();
                Set<String> fed = new LinkedHashSet<>(PipelineFeed.feed(stack, serdes, FIRST_FEED, 7));
                Instant windowTo = null;
                timeline.add(line(started, 0, "fed " + fed.size() + " episodes"));

                int brokerKills = 0;
                int next = 0;
                Instant graderSince = windowFrom;
                Instant actorSince = windowFrom;
                Instant brokerSince = windowFrom;
                int learnerUpdatesAtKill = -1;
                long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
                int closed = 0;
                long feedSeed = 8;
                List<Trajectory> seen = List.of();
                while (windowTo == null || closed < fed.size()) {
                    seen = values(tail.records());
                    closed = (int) seen.stream().map(Trajectory::getEpisodeId).distinct().count();
                    if (windowTo == null && next == FAULTS.size()) {
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
                    int trained = LearnerUpdates.trained(learnerRun).size();
                    int waiting = trainable(seen).size() - trained;
                    if (next < FAULTS.size() && closed >= FAULTS.get(next).atShare() * EPISODES
                            && closedSince(seen, graderSince) >= WORK_BETWEEN_FAULTS
                            && closedSince(seen, brokerSince) >= WORK_BETWEEN_FAULTS
                            && answeredBy(seen, actorA.name(), actorSince) >= WORK_BETWEEN_FAULTS
                            && ready(FAULTS.get(next).target(), learner, learnerRun, waiting)) {
                        Fault fault = FAULTS.get(next++);
                        switch (fault.target()) {
                            case BROKER -> {
                                ClusterChaosStack.Leader leader = stack.attemptsLeader();
                                ChildJvm victim = stack.nodes().get(leader.nodeId() - 1);
                                victim.kill();
                                Duration moved = stack.awaitLeadersMovedOff(leader.nodeId(), FAILOVER_TIMEOUT);
                                stack.restart(victim);
                                Duration synced = stack.awaitFullyReplicated(FAILOVER_TIMEOUT);
                                brokerSince = Instant.now();
                                brokerKills++;
                                timeline.add(line(started, closed, String.format(Locale.ROOT,
                                        "SIGKILL %s (leader of %d of %d attempts partitions): leaders moved in %.1f s;"
                                                + " restarted, all replicas in sync %.1f s later", victim.name(),
                                        leader.partitions(), leader.of(), moved.toMillis() / 1e3,
                                        synced.toMillis() / 1e3)));
                            }
                            case LEARNER -> {
                                learnerUpdatesAtKill = LearnerUpdates.read(learnerRun).size();
                                learner.kill();
                                learner.start();
                                timeline.add(line(started, closed, "SIGKILL learner while training ("
                                        + learnerUpdatesAtKill + " updates logged, " + waiting
                                        + " trainable trajectories waiting), restarted from its checkpoint"));
                            }
                            default -> {
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
                    }
                    checkAlive(children, stack);
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError(closed + " of " + fed.size() + " episodes closed within "
                                + RUN_DEADLINE + "\n" + String.join("\n", timeline));
                    }
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // polling interval of the progress check
                }
                timeline.add(line(started, closed, "every episode has a trajectory"));

                Set<String> trainable = trainable(seen);
                timeline.add(line(started, closed, trainable.size() + " trajectories with a reward to train on (the"
                        + " others closed without a scorable answer)"));
                while (LearnerUpdates.trained(learnerRun).size() < trainable.size()) {
                    checkAlive(children, stack);
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the learner trained " + LearnerUpdates.trained(learnerRun).size()
                                + " of " + trainable.size() + " trajectories within " + RUN_DEADLINE + "\n"
                                + String.join("\n", timeline));
                    }
                    LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                }
                List<String> trained = LearnerUpdates.trained(learnerRun);
                timeline.add(line(started, closed, "the learner trained " + trained.size() + " trajectories in "
                        + LearnerUpdates.read(learnerRun).size() + " updates"));
                for (ChildJvm child : children) {
                    child.stop();
                }
                timeline.add(line(started, closed, "children stopped"));
                children.forEach(c -> timeline.add(line(started, fed.size(), c.logSummary())));
                stack.nodes().forEach(c -> timeline.add(line(started, fed.size(), c.logSummary())));

                WindowVerdict verdict = WindowVerdict.read(stack, serdes, fed, windowFrom, windowTo, READ_TIMEOUT);
                for (String found : verdict.describe()) {
                    timeline.add(line(started, closed, found));
                }
                System.out.println("cluster chaos:\n  " + String.join("\n  ", timeline));

                assertEquals(2, brokerKills, "leader broker SIGKILLs");
                assertEquals(2, grader.kills(), "grader SIGKILLs");
                assertEquals(2, actorA.kills(), "actor SIGKILLs");
                assertEquals(1, learner.kills(), "learner SIGKILLs");
                assertTrue(learnerUpdatesAtKill > 0, "the learner had trained before it was killed");
                verdict.assertExact(fed.size());
                assertEquals(trainable.stream().sorted().toList(), trained.stream().sorted().toList(),
                        "every trajectory with a reward trained exactly once");
                passed = true;
            } finally {
                for (ChildJvm child : children) {
                    if (child.isAlive()) {
                        child.kill();
                    }
                }
                if (!passed) {
                    System.out.println("cluster chaos failed; timeline:\n  " + String.join("\n  ", timeline));
                    children.forEach(c -> System.out.println(c.tails()));
                    stack.nodes().forEach(c -> System.out.println(c.tails()));
                }
            }
        }
    }

    /**
     * Whether a fault of this kind may fire now: the learner only once it has trained and has at least two
     * batches waiting, so the kill lands while it works rather than while it idles.
     */
    private static boolean ready(Target target, ChildJvm learner, Path learnerRun, int waiting) {
        if (target != Target.LEARNER) {
            return true;
        }
        return learner.isAlive() && !LearnerUpdates.read(learnerRun).isEmpty() && waiting >= 2 * BATCH;
    }

    /**
     * The episodes the learner must train on: those closed with a terminal reward (an episode without a scorable
     * answer has none, and the learner drops it), evaluation episodes aside.
     */
    private static Set<String> trainable(List<Trajectory> seen) {
        Set<String> ids = new LinkedHashSet<>();
        for (Trajectory t : seen) {
            if (t.getTerminalReward() != null && t.getOrigin() != PromptOrigin.EVAL) {
                ids.add(t.getEpisodeId());
            }
        }
        return ids;
    }

    private static void checkAlive(List<ChildJvm> children, ClusterChaosStack stack) {
        for (ChildJvm child : children) {
            if (!child.isAlive()) {
                throw new AssertionError(child.name() + " exited on its own\n" + child.tails());
            }
        }
        for (ChildJvm node : stack.nodes()) {
            if (!node.isAlive()) {
                throw new AssertionError(node.name() + " exited on its own\n" + node.tails());
            }
        }
    }
}
