package io.rollstream.experiment.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.actor.loop.ActorService;
import io.rollstream.feeder.FeedConfig;
import io.rollstream.feeder.Feeder;
import io.rollstream.policy.model.ModelPreset;
import io.rollstream.schemas.avro.Decoding;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.headers.DeadLetter;
import io.rollstream.schemas.topics.Topics;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prompts asking for value-guided search, through real actors and the grader: an actor serving a version whose
 * value head was never trained (the SFT warm start) dead-letters every one of them with the reason and an
 * explanation; an actor serving a version made by PPO answers them by search, and the graded attempts say so.
 * (The second version is the warm start's weights published as PPO: this test checks the protocol, not the
 * quality of a critic.)
 */
class ValueGuidedSearchIT {

    private static final int PROMPTS = 4;

    @TempDir
    Path dir;

    @Test
    void shouldRefuseSearchWithoutATrainedCriticAndRecordItWithOne() throws Exception {
        DemoSettings settings = new DemoSettings(dir, null, null, ModelPreset.TINY, Dataset.SYNTHETIC,
                SyntheticDifficulty.EASY, 5, 200, 10, 1, 3, 4, 3, 24, 8);
        PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        new DemoRunner(settings, console).onPipeline(ctx -> {
            SftPhase.Result warm = new SftPhase(ctx).run("warm-" + ctx.runId());
            String warmPolicy = warm.published().getPolicyName();
            String criticPolicy = "critic-" + ctx.runId();
            publish(ctx, PolicyVersion.newBuilder(warm.published()).setPolicyName(criticPolicy).setVersion(1L)
                    .setParentVersion(null).setAlgorithm("PPO").setCreatedAt(Instant.now()).build());
            try (ActorService refusing = Actors.start(ctx, "warm-actor", warmPolicy, 1f);
                    ActorService searching = Actors.start(ctx, "critic-actor", criticPolicy, 1f)) {
                Set<String> refused = feed(ctx, warmPolicy, 1);
                Set<String> searched = feed(ctx, criticPolicy, 2);

                Map<String, String> reasons = awaitDeadLetters(ctx, refused);
                for (String reason : reasons.values()) {
                    assertEquals("NO_TRAINED_VALUE_HEAD", reason);
                }
                List<GradedAttempt> graded = awaitGraded(ctx, searched);
                for (GradedAttempt g : graded) {
                    assertEquals(Decoding.VALUE_GUIDED_SEARCH, g.getAttemptRecord().getDecoding(), g.toString());
                    assertEquals(1f, g.getAttemptRecord().getTemperature());
                    assertTrue(g.getAttemptRecord().getResponseTokenIds().size() <= 24);
                }
                Actors.requireHealthy(refusing);
                Actors.requireHealthy(searching);
            }
            return null;
        });
    }

    private static void publish(DemoContext ctx, PolicyVersion version) throws Exception {
        try (KafkaProducer<String, PolicyVersion> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                ctx.serdes().keySerde(Topics.POLICY_VERSIONS).serializer(),
                ctx.serdes().valueSerde(Topics.POLICY_VERSIONS).serializer())) {
            producer.send(new ProducerRecord<>(Topics.POLICY_VERSIONS.name(), version.getPolicyName(), version)).get();
        }
    }

    /** {@link #PROMPTS} one-attempt episodes of {@code policy} asking for value-guided search. */
    private static Set<String> feed(DemoContext ctx, String policy, long seed) throws Exception {
        FeedConfig config = new FeedConfig(ctx.bootstrapServers(), ctx.schemaRegistryUrl(), Dataset.SYNTHETIC, "train",
                PROMPTS, seed, SyntheticDifficulty.EASY, new AttemptsPolicy.Fixed(1), 1, PromptOrigin.FRESH,
                ProtocolTemplate.COMPACT, 0, 24, null, null, 0, policy, ctx.runId(), Decoding.VALUE_GUIDED_SEARCH);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Feeder.producerConfig(ctx.bootstrapServers()))) {
            return new HashSet<>(new Feeder(config, producer, ctx.serdes(), Clock.systemUTC())
                    .feed(ctx.train().subList(0, PROMPTS), p -> { }).episodeIds());
        }
    }

    /** The dead-letter reason of each refused episode's prompt, once all have arrived. */
    private static Map<String, String> awaitDeadLetters(DemoContext ctx, Set<String> episodes) {
        Map<String, String> reasons = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(ctx)) {
            assignFromStart(consumer, Topics.DEAD_LETTERS.name());
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (reasons.size() < episodes.size()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("dead-lettered " + reasons.keySet() + " of " + episodes);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    String key = new String(r.key(), StandardCharsets.UTF_8);
                    String episode = episodes.stream().filter(key::contains).findFirst().orElse(null);
                    Header reason = r.headers().lastHeader(DeadLetter.REASON);
                    Header message = r.headers().lastHeader(DeadLetter.ERROR_MESSAGE);
                    if (episode != null && reason != null) {
                        assertTrue(message != null && new String(message.value(), StandardCharsets.UTF_8)
                                .contains("no trained value head"), "the dead letter explains the refusal");
                        reasons.put(episode, new String(reason.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return reasons;
    }

    private static List<GradedAttempt> awaitGraded(DemoContext ctx, Set<String> episodes) {
        List<GradedAttempt> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(ctx)) {
            assignFromStart(consumer, Topics.GRADED.name());
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            Set<String> seen = new HashSet<>();
            while (seen.size() < episodes.size()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("graded " + seen + " of " + episodes);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    GradedAttempt g = ctx.serdes().valueSerde(Topics.GRADED).deserializer()
                            .deserialize(r.topic(), r.value());
                    if (episodes.contains(g.getEpisodeId()) && seen.add(g.getEpisodeId())) {
                        out.add(g);
                    }
                }
            }
        }
        return out;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(DemoContext ctx) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void assignFromStart(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }
}
