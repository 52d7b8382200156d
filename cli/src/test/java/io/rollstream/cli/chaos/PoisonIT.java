package io.rollstream.cli.chaos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.headers.DeadLetter;
import io.rollstream.schemas.headers.Provenance;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a grader and an actor (child JVMs) work through a few hundred episodes, more than 10,000 unreadable or
 * invalid records are written to rl-attempts-v1, right after a batch of fresh episodes and before another.
 * Each must reach rl-dlq-v1 exactly once, byte for byte, with headers naming where it came from and why; every
 * real episode must still close exactly once, including those fed only after the poison.
 */
class PoisonIT {

    private static final int EPISODES_FIRST = 150;
    private static final int EPISODES_DURING = 150;
    private static final int EPISODES_AFTER = 100;
    private static final int CLOSED_FIRST = 20;
    private static final int REAL_ATTEMPTS_FIRST = 40;
    private static final int PER_KIND = 920;
    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void shouldDeadLetterEveryPoisonedAttemptOnceWithItsHeadersAndKeepClosingEveryRealEpisodeOnce() throws Exception {
        long started = System.nanoTime();
        try (ChaosStack stack = ChaosStack.start(dir.resolve("kafka"));
             HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl())) {
            CatalogSerdes serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
            Path weights = dir.resolve("weights");
            TinyPolicy.publish(stack, serdes, weights, dir);
            ChildJvm grader = PipelineJvms.grader(stack, "grader", dir.resolve("grader-state"), Duration.ofMinutes(5), dir);
            ChildJvm actor = PipelineJvms.actor(stack, "actor-a", weights, dir);
            List<ChildJvm> children = List.of(grader, actor);
            children.forEach(ChildJvm::start);
            List<String> timeline = new ArrayList<>();
            boolean passed = false;
            try (TopicTail<String, Trajectory> trajectoryTail = new TopicTail<>(stack.bootstrapServers(),
                    Topics.TRAJECTORIES.name(), new StringDeserializer(),
                    serdes.valueSerde(Topics.TRAJECTORIES).deserializer());
                 TopicTail<byte[], byte[]> attemptTail = new TopicTail<>(stack.bootstrapServers(),
                         Topics.ATTEMPTS.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
                 TopicTail<byte[], byte[]> dlqTail = new TopicTail<>(stack.bootstrapServers(),
                         Topics.DEAD_LETTERS.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                Set<String> fed = new LinkedHashSet<>();
                feed(stack, serdes, fed, EPISODES_FIRST, 21, timeline, started, "before the grader is busy");
                await("the grader closes " + CLOSED_FIRST + " episodes and the actor commits " + REAL_ATTEMPTS_FIRST
                        + " attempts", () -> trajectoryTail.size() >= CLOSED_FIRST
                        && attemptTail.size() >= REAL_ATTEMPTS_FIRST, children);
                feed(stack, serdes, fed, EPISODES_DURING, 22, timeline, started, "right before the poison");
                List<ConsumerRecord<byte[], byte[]>> real = attemptTail.records();
                int closedBefore = trajectoryTail.size();

                PoisonInjector.Injection injection = new PoisonInjector(serdes, 5).inject(stack.bootstrapServers(),
                        PER_KIND, real);
                long injectedAt = System.nanoTime();
                int closedAfter = trajectoryTail.size();
                timeline.add(line(started, String.format(Locale.ROOT, "injected %d poison records in %.2f s "
                                + "(%.0f/s) while %d to %d of %d fed episodes had closed; duplicates replay %d real "
                                + "attempts", injection.records().size(), injection.elapsed().toNanos() / 1e9,
                        injection.recordsPerSecond(), closedBefore, closedAfter, fed.size(), real.size())));
                assertTrue(closedBefore < fed.size(), "the poison began while episodes were still open");
                feed(stack, serdes, fed, EPISODES_AFTER, 23, timeline, started, "after the poison");

                int injected = injection.records().size();
                await("every poison record is dead-lettered", () -> dlqTail.size() >= injected, children);
                timeline.add(line(started, String.format(Locale.ROOT, "%d dead letters, the last %.1f s after the "
                        + "injection ended", dlqTail.size(), (System.nanoTime() - injectedAt) / 1e9)));
                await("every episode closes", () -> distinctKeys(trajectoryTail.records()) >= fed.size(), children);
                timeline.add(line(started, "every episode has a trajectory"));
                for (ChildJvm child : children) {
                    child.stop();
                }
                children.forEach(c -> timeline.add(line(started, c.logSummary())));

                List<ConsumerRecord<byte[], byte[]>> dlq = TopicTail.readAll(stack.bootstrapServers(),
                        Topics.DEAD_LETTERS.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer(), READ_TIMEOUT);
                Map<Poison, Integer> byKind = assertOneDeadLetterPerPoison(injection.records(), dlq);
                timeline.add(line(started, "dead letters per kind " + byKind));

                List<GradedAttempt> graded = TopicTail.readAll(stack.bootstrapServers(), Topics.GRADED.name(),
                        new StringDeserializer(), serdes.valueSerde(Topics.GRADED).deserializer(), READ_TIMEOUT)
                        .stream().map(ConsumerRecord::value).toList();
                List<Trajectory> trajectories = TopicTail.readAll(stack.bootstrapServers(), Topics.TRAJECTORIES.name(),
                        new StringDeserializer(), serdes.valueSerde(Topics.TRAJECTORIES).deserializer(), READ_TIMEOUT)
                        .stream().map(ConsumerRecord::value).toList();
                EpisodeAudit audit = EpisodeAudit.check(fed, graded, trajectories);
                timeline.add(line(started, "audit: " + audit.summary()));
                System.out.println("poison:\n  " + String.join("\n  ", timeline));
                assertTrue(audit.passed(), audit.summary());
                assertEquals(fed.size(), audit.trajectories());
                passed = true;
            } finally {
                for (ChildJvm child : children) {
                    if (child.isAlive()) {
                        child.kill();
                    }
                }
                if (!passed) {
                    System.out.println("poison failed; timeline:\n  " + String.join("\n  ", timeline));
                    children.forEach(c -> System.out.println(c.tails()));
                }
            }
        }
    }

    /**
     * Matches dead letters to injected records by the source partition and offset in their headers: exactly one
     * each, same key and value bytes, every header present, a reason right for the kind, and no dead letter for
     * an attempt that was not injected. Returns the count per kind.
     */
    private static Map<Poison, Integer> assertOneDeadLetterPerPoison(List<PoisonInjector.Injected> injected,
                                                                     List<ConsumerRecord<byte[], byte[]>> dlq) {
        Map<String, List<ConsumerRecord<byte[], byte[]>>> bySource = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : dlq) {
            String topic = header(letter, DeadLetter.SOURCE_TOPIC);
            assertEquals(Topics.ATTEMPTS.name(), topic, "only attempts were poisoned");
            String at = header(letter, DeadLetter.SOURCE_PARTITION) + "@" + header(letter, DeadLetter.SOURCE_OFFSET);
            bySource.computeIfAbsent(at, k -> new ArrayList<>()).add(letter);
        }
        Map<Poison, Integer> byKind = new EnumMap<>(Poison.class);
        Set<String> expected = new HashSet<>();
        for (PoisonInjector.Injected poison : injected) {
            String at = poison.partition() + "@" + poison.offset();
            expected.add(at);
            List<ConsumerRecord<byte[], byte[]>> letters = bySource.getOrDefault(at, List.of());
            assertEquals(1, letters.size(), poison.kind() + " at " + at + " dead-lettered " + letters.size() + " times");
            ConsumerRecord<byte[], byte[]> letter = letters.get(0);
            assertArrayEquals(poison.key(), letter.key(), "key bytes of " + poison.kind() + " at " + at);
            assertArrayEquals(poison.value(), letter.value(), "value bytes of " + poison.kind() + " at " + at);
            String reason = header(letter, DeadLetter.REASON);
            assertTrue(poison.kind().reasons().contains(reason), poison.kind() + " at " + at + " has reason " + reason);
            assertFalse(header(letter, DeadLetter.ERROR_CLASS).isBlank());
            assertFalse(header(letter, DeadLetter.ERROR_MESSAGE).isBlank());
            assertTrue(header(letter, DeadLetter.COMPONENT).startsWith("grader-"));
            byKind.merge(poison.kind(), 1, Integer::sum);
        }
        List<String> unexpected = bySource.keySet().stream().filter(at -> !expected.contains(at)).sorted().toList();
        assertEquals(List.of(), unexpected, "dead letters for attempts nobody poisoned");
        assertEquals(injected.size(), dlq.size(), "one dead letter per poison record");
        return byKind;
    }

    /** Feeds {@code episodes} more episodes, checking their ids are new. */
    private static void feed(ChaosStack stack, CatalogSerdes serdes, Set<String> fed, int episodes, long seed,
                             List<String> timeline, long started, String when) throws InterruptedException {
        Set<String> more = PipelineFeed.feed(stack, serdes, episodes, seed);
        assertTrue(more.stream().noneMatch(fed::contains), "each feed has new episode ids");
        fed.addAll(more);
        timeline.add(line(started, "fed " + more.size() + " episodes " + when));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return Provenance.get(record.headers(), name)
                .orElseThrow(() -> new AssertionError("dead letter at offset " + record.offset() + " lacks " + name));
    }

    private static int distinctKeys(List<ConsumerRecord<String, Trajectory>> records) {
        return (int) records.stream().map(ConsumerRecord::key).distinct().count();
    }

    private static void await(String what, BooleanSupplier condition, List<ChildJvm> children) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            for (ChildJvm child : children) {
                if (!child.isAlive()) {
                    throw new AssertionError(child.name() + " exited while waiting until " + what);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE + " waiting until " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // polling interval of the condition
        }
    }

    private static String line(long started, String what) {
        return String.format(Locale.ROOT, "%6.1f s  %s", (System.nanoTime() - started) / 1e9, what);
    }
}
