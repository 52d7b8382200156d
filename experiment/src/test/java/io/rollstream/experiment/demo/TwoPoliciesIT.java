package io.rollstream.experiment.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.policy.model.ModelPreset;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.topics.Topics;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two policies trained at the same time on one cluster, through one grader and the shared topics: each
 * learner trains only its own policy's trajectories, though it reads the other's too.
 */
class TwoPoliciesIT {

    @TempDir
    Path dir;

    @Test
    void shouldNeverTrainOnePolicysTrajectoriesInTheOthersLearner() throws Exception {
        DemoSettings settings = new DemoSettings(dir, null, null, ModelPreset.TINY, Dataset.SYNTHETIC, SyntheticDifficulty.EASY,
                5, 200, 10, 1, 3, 4, 3, 32, 8);
        PrintStream console = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        DemoRunner runner = new DemoRunner(settings, console);
        Map<String, Set<String>> trained = new HashMap<>();
        Map<String, String> policyOfEpisode = runner.onPipeline(ctx -> {
            SftPhase sft = new SftPhase(ctx);
            SftPhase.Result warm = sft.run("warm-" + ctx.runId());
            String alpha = "alpha-" + ctx.runId();
            String beta = "beta-" + ctx.runId();
            sft.startFrom(warm.published(), alpha);
            sft.startFrom(warm.published(), beta);
            ExecutorService both = Executors.newFixedThreadPool(2);
            try {
                Future<RlPhase.Result> a = both.submit(() ->
                        new RlPhase(ctx, "alpha", alpha, AttemptsPolicy.parse("1-3")).run("alpha"));
                Future<RlPhase.Result> b = both.submit(() ->
                        new RlPhase(ctx, "beta", beta, AttemptsPolicy.parse("1")).run("beta"));
                assertEquals(3, a.get(10, TimeUnit.MINUTES).updates());
                assertEquals(3, b.get(10, TimeUnit.MINUTES).updates());
            } finally {
                both.shutdownNow();
            }
            trained.put(alpha, trainedEpisodes(ctx.runDir().resolve(alpha)));
            trained.put(beta, trainedEpisodes(ctx.runDir().resolve(beta)));
            long alphaSkipped = lastCounter(ctx.runDir().resolve(alpha), "skipped/foreign-policy");
            long betaSkipped = lastCounter(ctx.runDir().resolve(beta), "skipped/foreign-policy");
            assertTrue(alphaSkipped + betaSkipped > 0,
                    "the learners ran at once, so at least one of them read the other's trajectories");
            return policies(ctx.bootstrapServers(), ctx.serdes());
        });

        for (Map.Entry<String, Set<String>> learner : trained.entrySet()) {
            assertFalse(learner.getValue().isEmpty(), learner.getKey() + " trained on something");
            for (String episode : learner.getValue()) {
                assertEquals(learner.getKey(), policyOfEpisode.get(episode),
                        "episode " + episode + " trained by " + learner.getKey());
            }
        }
        Set<String> overlap = new HashSet<>(trained.values().iterator().next());
        overlap.retainAll(trained.values().stream().skip(1).findFirst().orElseThrow());
        assertEquals(Set.of(), overlap, "no episode trained by both");
    }

    /** The episode ids of every update in the learner's updates.jsonl. */
    private static Set<String> trainedEpisodes(Path learnerDir) throws Exception {
        Set<String> episodes = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(learnerDir.resolve("updates.jsonl"))) {
            for (JsonNode id : json.readTree(line).get("episodes")) {
                episodes.add(id.asText());
            }
        }
        return episodes;
    }

    private static long lastCounter(Path learnerDir, String name) {
        List<Map<String, Double>> lines = RlPhase.readMetrics(learnerDir.resolve("metrics.jsonl"));
        return lines.isEmpty() ? 0 : lines.get(lines.size() - 1).getOrDefault(name, 0.0).longValue();
    }

    /** Every trajectory on the topic: its episode id and the policy it names. */
    private static Map<String, String> policies(String bootstrap, CatalogSerdes serdes) {
        Map<String, String> policyOf = new HashMap<>();
        try (KafkaConsumer<String, Trajectory> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                serdes.keySerde(Topics.TRAJECTORIES).deserializer(),
                serdes.valueSerde(Topics.TRAJECTORIES).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TRAJECTORIES.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read the trajectories topic to its end");
                }
                for (ConsumerRecord<String, Trajectory> record : consumer.poll(Duration.ofMillis(200))) {
                    policyOf.put(record.key(), record.value().getPolicyName());
                }
            }
        }
        return policyOf;
    }
}
