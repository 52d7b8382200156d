package io.rollstream.cli.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.cli.RollstreamCommand;
import io.rollstream.infra.stack.LocalStack;
import io.rollstream.infra.stack.LocalStackConfig;
import io.rollstream.learner.service.OfflineRun;
import io.rollstream.learner.service.PolicyVersionReader;
import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.ClusterDefaults;
import io.rollstream.schemas.topics.Topics;
import io.rollstream.learner.train.TrajectoryFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rollstream learner --algorithm oreo} (and its baseline, rs-sft) against a real broker: it trains on exactly
 * the trajectories appended inside the window (not those before or after it, nor another policy's when one is
 * named), publishes the next version with the window and the count in its metrics, and refuses with exit 2,
 * before training, a window with nothing in it, one with nothing solved, and one that is not over.
 */
class OreoLearnerIT {

    @TempDir
    Path dir;

    @Test
    void shouldTrainOnExactlyTheWindowAndRefuseWindowsWithNothingToLearn() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStackConfig.onFreePorts(dir.resolve("broker")));
                HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl());
                KafkaProducer<String, Trajectory> producer = producer(stack, registry)) {
            assertEquals(0, run(stack, "--algorithm", "sft", "--sft-data", sftData().toString()).exit());

            Instant from = after(produce(producer, "before", 3, 3));
            produce(producer, "in", 6, 2);
            Instant to = after(produce(producer, "other-policy", 4, 4, "someone-else"));
            Instant failedFrom = after(produce(producer, "after", 3, 3));
            Instant failedTo = after(produce(producer, "failed", 0, 3));

            Run oreo = run(stack, "--algorithm", "oreo", "--from", from.toString(), "--to", to.toString(),
                    "--source-policy", ClusterDefaults.POLICY_NAME, "--set", "epochs=1", "--set", "miniBatchSize=4");
            assertEquals(0, oreo.exit(), oreo.printed());
            PolicyVersion published = latest(stack, registry);
            assertEquals(2, published.getVersion(), "the warm start was version 1");
            assertEquals(1L, published.getParentVersion());
            assertEquals("OREO", published.getAlgorithm());
            Map<String, Double> metrics = new HashMap<>();
            published.getMetrics().forEach((k, v) -> metrics.put(k.toString(), v));
            assertEquals(8.0, metrics.get(OfflineRun.TRAJECTORIES), "6 + 2 of this policy in the window");
            assertEquals(6.0, metrics.get(OfflineRun.SOLVED));
            assertEquals(8.0, metrics.get(OfflineRun.TRAINED));
            assertEquals((double) from.toEpochMilli(), metrics.get(OfflineRun.WINDOW_FROM));
            assertEquals((double) to.toEpochMilli(), metrics.get(OfflineRun.WINDOW_TO));
            assertTrue(oreo.printed().contains("oreo on 8 of 8 trajectories (6 solved)"), oreo.printed());

            Run baseline = run(stack, "--algorithm", "rs-sft", "--from", from.toString(), "--to", to.toString(),
                    "--source-policy", ClusterDefaults.POLICY_NAME, "--set", "epochs=1", "--set", "miniBatchSize=4");
            assertEquals(0, baseline.exit(), baseline.printed());
            PolicyVersion sft = latest(stack, registry);
            assertEquals(3, sft.getVersion());
            assertEquals("RS_SFT", sft.getAlgorithm());
            assertTrue(baseline.printed().contains("rs-sft on 6 of 8 trajectories (6 solved)"), baseline.printed());

            Run empty = run(stack, "--algorithm", "oreo", "--from", from.minusSeconds(60).toString(),
                    "--to", from.minusSeconds(30).toString());
            assertEquals(2, empty.exit(), empty.printed());
            assertTrue(empty.printed().contains("no trajectories"), empty.printed());
            Run unsolved = run(stack, "--algorithm", "oreo", "--from", failedFrom.toString(), "--to",
                    failedTo.toString());
            assertEquals(2, unsolved.exit(), unsolved.printed());
            assertTrue(unsolved.printed().contains("was solved"), unsolved.printed());
            Run open = run(stack, "--algorithm", "oreo", "--from", from.toString(), "--to",
                    Instant.now().plusSeconds(3600).toString());
            assertEquals(2, open.exit(), open.printed());
            assertTrue(open.printed().contains("in the future"), open.printed());
            assertEquals(3, latest(stack, registry).getVersion(), "a refused window publishes nothing");
        }
    }

    private record Run(int exit, String printed) {
    }

    private Run run(LocalStack stack, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = RollstreamCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        List<String> all = new ArrayList<>(List.of("learner", "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.registryUrl(), "--run-dir", dir.resolve("learner").toString(),
                "--weights-dir", dir.resolve("weights").toString(), "--device", "cpu", "--model", "tiny"));
        all.addAll(List.of(args));
        int exit = cli.execute(all.toArray(String[]::new));
        System.out.println(out);
        return new Run(exit, out.toString());
    }

    private Path sftData() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            lines.append("{\"messages\":[{\"role\":\"system\",\"content\":\"Answer in \\\\boxed{}.\"},")
                    .append("{\"role\":\"user\",\"content\":\"").append(i).append("+1\"}],\"target\":\"\\\\boxed{")
                    .append(i + 1).append("}\"}\n");
        }
        return Files.writeString(dir.resolve("sft.jsonl"), lines.toString());
    }

    /**
     * The millisecond after {@code lastAppended}, once the clock has passed it: records appended from now on are
     * at or after it, those appended before are before it (the topic keeps the broker's append time).
     */
    private static Instant after(long lastAppended) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.currentTimeMillis() <= lastAppended) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the clock did not pass " + lastAppended);
            }
            Thread.onSpinWait();
        }
        return Instant.ofEpochMilli(lastAppended + 1);
    }

    /** Appends the episodes; returns the broker's append time of the last one. */
    private static long produce(KafkaProducer<String, Trajectory> producer, String prefix, int solved, int failed)
            throws Exception {
        return produce(producer, prefix, solved, failed, ClusterDefaults.POLICY_NAME);
    }

    private static long produce(KafkaProducer<String, Trajectory> producer, String prefix, int solved, int failed,
                                String policy) throws Exception {
        long last = 0;
        for (int i = 0; i < solved + failed; i++) {
            String id = prefix + "-" + i;
            Trajectory t = i < solved
                    ? TrajectoryFixtures.single(id, id, 1, "\\boxed{2}", 1f, 1L)
                    : TrajectoryFixtures.single(id, id, 1, "\\boxed{3}", -0.5f, 1L);
            t = Trajectory.newBuilder(t).setPolicyName(policy).build();
            last = Math.max(last, producer.send(new ProducerRecord<>(Topics.TRAJECTORIES.name(), id, t)).get()
                    .timestamp());
        }
        return last;
    }

    private static KafkaProducer<String, Trajectory> producer(LocalStack stack, HttpSchemaRegistryClient registry) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        CatalogSerdes serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
        return new KafkaProducer<>(p, serdes.keySerde(Topics.TRAJECTORIES).serializer(),
                serdes.valueSerde(Topics.TRAJECTORIES).serializer());
    }

    private static PolicyVersion latest(LocalStack stack, HttpSchemaRegistryClient registry) {
        CatalogSerdes serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
        try (KafkaConsumer<String, PolicyVersion> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                serdes.valueSerde(Topics.POLICY_VERSIONS).deserializer())) {
            return PolicyVersionReader.latest(consumer, ClusterDefaults.POLICY_NAME, Duration.ofSeconds(30))
                    .orElseThrow();
        }
    }
}
