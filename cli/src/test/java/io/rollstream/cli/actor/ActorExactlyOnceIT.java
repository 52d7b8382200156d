package io.rollstream.cli.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rollstream.actor.config.ActorConfig;
import io.rollstream.actor.loop.ActorService;
import io.rollstream.actor.loop.ActorStats;
import io.rollstream.actor.policy.LoadOutcome;
import io.rollstream.actor.support.CommittedReader;
import io.rollstream.actor.support.Prompts;
import io.rollstream.infra.stack.LocalStack;
import io.rollstream.infra.stack.LocalStackConfig;
import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.weights.LocalWeightsStore;
import io.rollstream.policy.weights.Stored;
import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.FinishReason;
import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.headers.DeadLetter;
import io.rollstream.schemas.headers.Provenance;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two actors on the 4-partition prompt topic against a real broker: actor A in a child JVM is killed with
 * SIGKILL mid-run and restarted under the same id, actor B runs in this JVM (so its follower's load time can be
 * read). Every prompt must end with exactly one committed attempt, and a version published mid-run must be
 * serving within 2 s.
 */
class ActorExactlyOnceIT {

    private static final int PROMPTS = 500;
    private static final String GROUP = "it-actors";
    private static final ModelConfig TINY = ModelConfig.preset("tiny");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    @TempDir
    Path dir;

    @Test
    void shouldCommitExactlyOneAttemptPerPromptAcrossAKilledActorAndSwapToANewVersionWithinTwoSeconds()
            throws Exception {
        long runStart = System.nanoTime();
        try (LocalStack stack = LocalStack.start(LocalStackConfig.onFreePorts(dir.resolve("kafka")));
                HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl());
                KafkaProducer<byte[], byte[]> producer = plainProducer(stack.bootstrapServers())) {
            CatalogSerdes serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
            LocalWeightsStore store = new LocalWeightsStore(dir.resolve("weights"));
            publish(producer, serdes, version(1, storeWeights(store, 1)));

            ActorConfig configB = config(stack, "actor-b");
            ChildActor actorA = ChildActor.start(flags(stack, "actor-a"), dir.resolve("actor-a.log"));
            ChildActor restartedA = null;
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            ActorService actorB = ActorService.create(configB, meters);
            try (actorB;
                    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                            stack.bootstrapServers()));
                    CommittedReader<String, Attempt> attempts = new CommittedReader<>(stack.bootstrapServers(),
                            Topics.ATTEMPTS.name(), new StringDeserializer(),
                            serdes.valueSerde(Topics.ATTEMPTS).deserializer())) {
                actorB.start();
                assertTrue(actorB.awaitFirstPolicy(DEADLINE), "actor B loads version 1");
                await("both actors own partitions", () -> groupHasTwoMembersWithPartitions(admin), actorA);

                // First half, with two unreadable records and one prompt longer than the context.
                produceGarbage(producer, "garbage-1");
                producePrompts(producer, serdes, 0, PROMPTS / 2);
                produceGarbage(producer, "garbage-2");
                await("actor A commits attempts before it is killed",
                        () -> countBy(attempts.poll(Duration.ofMillis(100)), "actor-a") >= 32, actorA);
                String killedMember = memberOf(admin, "actor-a").orElseThrow();
                actorA.process().destroyForcibly();
                assertTrue(actorA.process().waitFor(20, TimeUnit.SECONDS), "actor A died");
                Instant killed = Instant.now();
                int committedByA = countBy(attempts.poll(Duration.ZERO), "actor-a");
                restartedA = ChildActor.start(flags(stack, "actor-a"), dir.resolve("actor-a-restarted.log"));
                ChildActor restarted = restartedA;
                // A static member: the restarted A takes the killed one's place under a new member id. Until it
                // does, the second half would all go to B once the killed A's session expires.
                await("the restarted A owns partitions", () -> memberOf(admin, "actor-a")
                        .filter(id -> !id.equals(killedMember)).isPresent(), restarted);

                // Version 2 is published while what the killed A left of the first half is still being answered.
                Instant published = Instant.now();
                publish(producer, serdes, version(2, storeWeights(store, 2)));
                producePrompts(producer, serdes, PROMPTS / 2, PROMPTS);
                await("every prompt answered",
                        () -> distinctEpisodes(attempts.poll(Duration.ofMillis(200))) >= PROMPTS, restarted);

                LoadOutcome.Loaded loadedB = actorB.follower().lastLoaded().orElseThrow();
                assertEquals(2, loadedB.version());
                Duration publishToLoaded = Duration.between(published, loadedB.loadedAt());
                ActorStats statsB = actorB.stats();
                actorB.close();
                restartedA.process().destroy(); // SIGTERM: the clean shutdown path
                assertTrue(restartedA.process().waitFor(30, TimeUnit.SECONDS), "restarted A stops on SIGTERM");
                assertTrue(restartedA.output().contains("actor actor-a stopped cleanly"), restartedA.output());
                assertFalse(actorB.failure().isPresent(), () -> "actor B failed: " + actorB.failure());

                List<ConsumerRecord<String, Attempt>> all = attempts.readToEnd(DEADLINE);
                assertExactlyOneAttemptPerPrompt(all);
                assertVersionStamps(all, loadedB, configB);
                assertTrue(committedByA > 0, "A had committed before the kill");
                assertTrue(all.stream().anyMatch(r -> r.value().getActorId().equals("actor-a")
                        && r.value().getStartedAt().isAfter(killed)), "the restarted A answered too");
                assertDeadLetters(stack);
                assertEquals(FinishReason.PROMPT_TOO_LONG, all.stream()
                        .filter(r -> r.key().equals("episode-long")).findFirst().orElseThrow().value().getFinishReason());

                Duration firstStampedV2 = all.stream().map(ConsumerRecord::value)
                        .filter(a -> a.getPolicyVersion() == 2)
                        .map(a -> Duration.between(published, a.getStartedAt()))
                        .min(Duration::compareTo).orElseThrow();
                long writtenAttempts = countIncludingAborted(stack);
                long tokens = all.stream().mapToLong(r -> r.value().getResponseTokenIds().size()).sum();
                double seconds = (System.nanoTime() - runStart) / 1e9;
                System.out.printf(Locale.ROOT, "actor IT: %d attempts, %d tokens; actor B %.0f tokens/s while "
                                + "generating (%d tokens in %.2f s, %d batches); publish->loaded %d ms (load %d ms), "
                                + "publish->first v2 attempt %d ms; A committed %d before SIGKILL; %d attempt records written in "
                                + "aborted transactions; wall %.1f s%n",
                        all.size(), tokens, statsB.tokensPerGenerationSecond(), statsB.tokens(),
                        statsB.generationSeconds(), statsB.batches(), publishToLoaded.toMillis(),
                        loadedB.loadTime().toMillis(), firstStampedV2.toMillis(), committedByA,
                        writtenAttempts - all.size(), seconds);
                assertTrue(publishToLoaded.compareTo(Duration.ofSeconds(2)) < 0,
                        "version 2 loaded " + publishToLoaded.toMillis() + " ms after publication");
            } finally {
                destroy(actorA);
                destroy(restartedA);
            }
        }
    }

    private static void assertExactlyOneAttemptPerPrompt(List<ConsumerRecord<String, Attempt>> all) {
        Map<String, Long> perEpisode = all.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertEquals(PROMPTS + 1, perEpisode.size(), "one episode per prompt, the overlong one included");
        Map<String, Long> duplicated = perEpisode.entrySet().stream().filter(e -> e.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), duplicated, "episodes with other than one committed attempt");
    }

    private static void assertVersionStamps(List<ConsumerRecord<String, Attempt>> all, LoadOutcome.Loaded loadedB,
            ActorConfig configB) {
        for (ConsumerRecord<String, Attempt> record : all) {
            Attempt attempt = record.value();
            assertEquals(String.valueOf(attempt.getPolicyVersion()),
                    Provenance.get(record.headers(), Provenance.POLICY_VERSION).orElseThrow());
            assertEquals(attempt.getActorId(), Provenance.get(record.headers(), Provenance.ACTOR).orElseThrow());
            assertEquals(record.key(), Provenance.get(record.headers(), Provenance.EPISODE).orElseThrow());
        }
        // B swaps between batches: a batch that started a full batch-wait after the load must use version 2.
        Instant surelySwapped = loadedB.loadedAt().plus(configB.maxBatchWait()).plusMillis(500);
        List<Attempt> laterB = all.stream().map(ConsumerRecord::value)
                .filter(a -> a.getActorId().equals("actor-b") && a.getStartedAt().isAfter(surelySwapped))
                .toList();
        assertTrue(laterB.stream().allMatch(a -> a.getPolicyVersion() == 2),
                "B's attempts after the swap carry version 2");
        assertTrue(all.stream().anyMatch(r -> r.value().getPolicyVersion() == 1), "version 1 served first");
    }

    private static void assertDeadLetters(LocalStack stack) {
        try (CommittedReader<byte[], byte[]> dlq = new CommittedReader<>(stack.bootstrapServers(),
                Topics.DEAD_LETTERS.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<ConsumerRecord<byte[], byte[]>> dead = dlq.readToEnd(DEADLINE);
            assertEquals(2, dead.size(), "each unreadable prompt dead-lettered exactly once");
            for (ConsumerRecord<byte[], byte[]> record : dead) {
                String key = new String(record.key(), StandardCharsets.UTF_8);
                assertTrue(key.startsWith("garbage-"), key);
                assertEquals("not an avro prompt: " + key, new String(record.value(), StandardCharsets.UTF_8));
                assertEquals(Topics.PROMPTS.name(), Provenance.get(record.headers(), DeadLetter.SOURCE_TOPIC)
                        .orElseThrow());
                assertEquals("UNREADABLE", Provenance.get(record.headers(), DeadLetter.REASON).orElseThrow());
                assertTrue(Provenance.get(record.headers(), DeadLetter.SOURCE_OFFSET).isPresent());
            }
        }
    }

    /** Attempt records in the log whatever their transaction's fate; the surplus over committed ones was aborted. */
    private static long countIncludingAborted(LocalStack stack) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ATTEMPTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(200)).count();
            }
            return count;
        }
    }

    private static int countBy(List<ConsumerRecord<String, Attempt>> records, String actorId) {
        return (int) records.stream().filter(r -> r.value().getActorId().equals(actorId)).count();
    }

    private static int distinctEpisodes(List<ConsumerRecord<String, Attempt>> records) {
        return (int) records.stream().map(ConsumerRecord::key).filter(k -> !k.equals("episode-long")).distinct()
                .count();
    }

    private static boolean groupHasTwoMembersWithPartitions(Admin admin) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all()
                    .get(10, TimeUnit.SECONDS).get(GROUP);
            return group.members().size() == 2
                    && group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
        } catch (Exception e) {
            return false;
        }
    }

    /** The member id under which the actor with this static instance id owns partitions, if it does. */
    private static Optional<String> memberOf(Admin admin, String actorId) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all()
                    .get(10, TimeUnit.SECONDS).get(GROUP);
            return group.members().stream()
                    .filter(m -> m.groupInstanceId().filter(actorId::equals).isPresent())
                    .filter(m -> !m.assignment().topicPartitions().isEmpty())
                    .map(MemberDescription::consumerId).findFirst();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static void await(String what, BooleanSupplier condition, ChildActor child) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; child output:\n" + child.output());
            }
            if (!child.process().isAlive()) {
                throw new AssertionError("child actor exited while waiting until " + what + ":\n" + child.output());
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos()); // a polling interval, not a synchronisation
        }
    }

    private ActorConfig config(LocalStack stack, String actorId) {
        return ActorConfig.builder()
                .bootstrapServers(stack.bootstrapServers())
                .schemaRegistryUrl(stack.registryUrl())
                .actorId(actorId)
                .groupId(GROUP)
                .batchSize(16)
                .maxBatchWait(Duration.ofMillis(50))
                .maxNewTokens(8)
                .device(DeviceChoice.CPU)
                .seed(7)
                .weightsDir(dir.resolve("weights"))
                .sessionTimeout(Duration.ofSeconds(10))
                .build();
    }

    private List<String> flags(LocalStack stack, String actorId) {
        ActorConfig c = config(stack, actorId);
        return List.of("--bootstrap-servers", c.bootstrapServers(), "--schema-registry-url", c.schemaRegistryUrl(),
                "--actor-id", c.actorId(), "--group-id", c.groupId(), "--batch-size", "16",
                "--max-batch-wait-ms", "50", "--max-new-tokens", "8", "--device", "cpu", "--seed", "7",
                "--weights-dir", c.weightsDir().toString(), "--session-timeout-ms", "10000");
    }

    private Stored storeWeights(LocalWeightsStore store, long seed) throws Exception {
        Path file = dir.resolve("trained-" + seed + ".bin");
        try (PolicyModel model = PolicyModel.create(TINY, DeviceChoice.CPU, seed)) {
            model.save(file);
        }
        return store.put(file);
    }

    private static PolicyVersion version(long version, Stored stored) {
        return PolicyVersion.newBuilder()
                .setPolicyName("default")
                .setVersion(version)
                .setWeightsUri(stored.uri().toString())
                .setSha256(stored.sha256())
                .setSizeBytes(stored.sizeBytes())
                .setParentVersion(version > 1 ? version - 1 : null)
                .setModelConfig(TINY.toJson())
                .setAlgorithm("SFT")
                .setTrainingStep(version)
                .setMetrics(Map.of())
                .setCreatedAt(Instant.now())
                .build();
    }

    private static void publish(KafkaProducer<byte[], byte[]> producer, CatalogSerdes serdes, PolicyVersion version)
            throws Exception {
        Serializer<PolicyVersion> values = serdes.valueSerde(Topics.POLICY_VERSIONS).serializer();
        String topic = Topics.POLICY_VERSIONS.name();
        producer.send(new ProducerRecord<>(topic, version.getPolicyName().getBytes(StandardCharsets.UTF_8),
                values.serialize(topic, version))).get(10, TimeUnit.SECONDS);
    }

    private static void producePrompts(KafkaProducer<byte[], byte[]> producer, CatalogSerdes serdes, int from,
            int to) {
        Serializer<Prompt> values = serdes.valueSerde(Topics.PROMPTS).serializer();
        String topic = Topics.PROMPTS.name();
        Function<Prompt, ProducerRecord<byte[], byte[]>> record = p -> new ProducerRecord<>(topic,
                p.getEpisodeId().getBytes(StandardCharsets.UTF_8), values.serialize(topic, p));
        if (from == 0) {
            producer.send(record.apply(Prompts.fresh("episode-long", "9".repeat(TINY.maxContext())).build()));
        }
        for (int i = from; i < to; i++) {
            producer.send(record.apply(Prompts.fresh("episode-" + i, "What is " + i + " + " + (i % 7) + "?")
                    .build()));
        }
        producer.flush();
    }

    private static void produceGarbage(KafkaProducer<byte[], byte[]> producer, String key) {
        producer.send(new ProducerRecord<>(Topics.PROMPTS.name(), key.getBytes(StandardCharsets.UTF_8),
                ("not an avro prompt: " + key).getBytes(StandardCharsets.UTF_8)));
        producer.flush();
    }

    private static KafkaProducer<byte[], byte[]> plainProducer(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void destroy(ChildActor child) {
        if (child != null && child.process().isAlive()) {
            child.process().destroyForcibly();
        }
    }
}
