package io.rollstream.cli.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.infra.stack.LocalStack;
import io.rollstream.infra.stack.LocalStackConfig;
import io.rollstream.cli.RollstreamCommand;
import io.rollstream.learner.service.LearnerService;
import io.rollstream.learner.train.TrajectoryFixtures;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learner as a child JVM against a real broker, killed with SIGKILL mid-run and restarted: every
 * trainable trajectory is used by exactly one update, and the unscorable ones by none.
 */
class LearnerResumeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 4;

    @TempDir
    Path dir;

    @Test
    void shouldTrainEveryTrajectoryExactlyOnceAcrossAKillAndRestart() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStackConfig.onFreePorts(dir.resolve("broker")));
                HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl());
                KafkaProducer<String, Trajectory> producer = producer(stack, registry)) {
            Path runDir = dir.resolve("run");
            List<String> expected = new ArrayList<>();
            produce(producer, "a", 24, expected);

            Process first = start(stack, runDir, "first");
            awaitUpdates(runDir, 2, first);
            first.destroyForcibly();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            int linesAtKill = readUpdates(runDir).size();

            produce(producer, "b", 24, expected);
            Process second = start(stack, runDir, "second");
            try {
                awaitUpdates(runDir, expected.size() / BATCH, second);
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
            List<String> used = new ArrayList<>();
            for (JsonNode line : readUpdates(runDir)) {
                line.path("episodes").forEach(e -> used.add(e.asText()));
            }
            System.out.printf("updates logged at kill: %d; episodes used: %d of %d trainable%n",
                    linesAtKill, used.size(), expected.size());
            assertEquals(expected.stream().sorted().toList(), used.stream().sorted().toList());
            assertFalse(used.stream().anyMatch(id -> id.startsWith("timeout")));
            assertTrue(Files.readAllLines(runDir.resolve(LearnerService.METRICS_LOG)).size() >= expected.size() / BATCH);
        }
    }

    private static KafkaProducer<String, Trajectory> producer(LocalStack stack, HttpSchemaRegistryClient registry) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        CatalogSerdes serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
        return new KafkaProducer<>(p, serdes.keySerde(Topics.TRAJECTORIES).serializer(),
                serdes.valueSerde(Topics.TRAJECTORIES).serializer());
    }

    /** {@code n} trainable episodes (alternating one and two attempts) and one timeout that must be dropped. */
    private static void produce(KafkaProducer<String, Trajectory> producer, String prefix, int n, List<String> expected)
            throws ExecutionException, InterruptedException {
        List<Trajectory> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = prefix + "-" + i;
            out.add(i % 2 == 0 ? TrajectoryFixtures.twoAttempts(id, "\\boxed{6}", "\\boxed{5}", 1L)
                    : TrajectoryFixtures.single(id, id, 1, "\\boxed{" + i % 10 + "}", i % 3 == 0 ? 1f : -0.5f, 1L));
            expected.add(id);
        }
        out.add(TrajectoryFixtures.single("timeout-" + prefix, "timeout-" + prefix, 1, "", null, 1L));
        for (Trajectory t : out) {
            producer.send(new ProducerRecord<>(Topics.TRAJECTORIES.name(), t.getEpisodeId(), t)).get();
        }
    }

    private static Process start(LocalStack stack, Path runDir, String name) throws IOException {
        Files.createDirectories(runDir);
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.default_engine=PyTorch", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                RollstreamCommand.class.getName(), "learner",
                "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.registryUrl(),
                "--run-dir", runDir.toString(),
                "--weights-dir", runDir.resolve("weights").toString(),
                "--algorithm", "ppo", "--device", "cpu",
                "--set", "batchEpisodes=" + BATCH, "--set", "miniBatchSize=4", "--set", "epochs=2",
                "--set", "maxStaleness=1000", "--set", "checkpointEvery=1", "--set", "publishEvery=2");
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(runDir.resolve(name + ".log").toFile())
                .start();
    }

    private static void awaitUpdates(Path runDir, int updates, Process child) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (readUpdates(runDir).size() < updates) {
            if (!child.isAlive()) {
                throw new AssertionError("learner exited with " + child.exitValue() + "; see its log in " + runDir);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("only " + readUpdates(runDir).size() + " of " + updates + " updates logged");
            }
            child.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }

    /** Complete lines of updates.jsonl (a line being written when read is left out). */
    private static List<JsonNode> readUpdates(Path runDir) throws IOException {
        Path file = runDir.resolve(LearnerService.UPDATES_LOG);
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        String text = Files.readString(file);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return lines;
        }
        for (String line : text.substring(0, end).split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }
}
