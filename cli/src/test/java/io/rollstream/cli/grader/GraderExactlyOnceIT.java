package io.rollstream.cli.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.cli.RollstreamCommand;
import io.rollstream.infra.stack.LocalStack;
import io.rollstream.infra.stack.LocalStackConfig;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Outcome;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.protocol.EpisodeProtocol;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topic;
import io.rollstream.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two grader instances (child JVMs) share four partitions under exactly-once; one is killed with SIGKILL
 * mid-run and restarted. Afterwards every attempt is graded exactly once, every episode has exactly one
 * trajectory, and every reward follows from the verdicts.
 */
class GraderExactlyOnceIT {

    private static final int EPISODES = 2_000;
    private static final int QUESTIONS = 200;

    @TempDir
    Path dir;

    @Test
    void shouldGradeEveryAttemptOnceAndCloseEveryEpisodeOnceWhenAGraderIsKilled() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStackConfig.onFreePorts(dir.resolve("kafka")));
             HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl())) {
            CatalogSerdes serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
            publishQuestions(stack.bootstrapServers(), serdes);
            Process first = startGrader(stack, "a");
            Process second = startGrader(stack, "b");
            ScriptedActor actor = new ScriptedActor(stack.bootstrapServers(), serdes);
            Thread actorThread = new Thread(actor, "scripted-actor");
            actorThread.start();
            Process restarted = null;
            try {
                publishPrompts(stack.bootstrapServers(), serdes);
                actor.awaitSent(EPISODES / 2, Duration.ofSeconds(120));
                first.destroyForcibly().waitFor();
                restarted = startGrader(stack, "a");
                Map<String, Trajectory> trajectories = new HashMap<>();
                List<Trajectory> all = readUntil(stack, serdes, Topics.TRAJECTORIES, EPISODES, Duration.ofSeconds(240));
                all.forEach(t -> assertEquals(null, trajectories.put(t.getEpisodeId(), t),
                        "second trajectory for " + t.getEpisodeId()));
                assertEquals(EPISODES, trajectories.size());
                int expectedAttempts = trajectories.values().stream().mapToInt(t -> t.getAttempts().size()).sum();
                List<GradedAttempt> graded = readUntil(stack, serdes, Topics.GRADED, expectedAttempts, Duration.ofSeconds(60));
                assertGradedOnce(graded, expectedAttempts);
                trajectories.values().forEach(GraderExactlyOnceIT::assertFollowsScript);
                System.out.printf("graded %d attempts of %d episodes exactly once across a SIGKILL%n",
                        graded.size(), trajectories.size());
            } finally {
                actor.stop();
                actorThread.join(10_000);
                for (Process p : new Process[] {first, second, restarted}) {
                    if (p != null) {
                        p.destroy();
                        p.waitFor();
                    }
                }
            }
        }
    }

    private static void assertGradedOnce(List<GradedAttempt> graded, int expected) {
        Map<String, Integer> counts = new HashMap<>();
        for (GradedAttempt g : graded) {
            counts.merge(g.getEpisodeId() + "#" + g.getAttempt(), 1, Integer::sum);
        }
        counts.forEach((key, n) -> assertEquals(1, n, key + " graded " + n + " times"));
        assertEquals(expected, graded.size(), "graded records vs attempts inside trajectories");
    }

    private static void assertFollowsScript(Trajectory t) {
        int n = t.getMaxAttempts();
        int target = ScriptedActor.correctAt(t.getEpisodeId(), n);
        boolean boxed = Math.floorMod(t.getEpisodeId().hashCode() / 7, 3) != 0;
        Outcome expected = target > 0 ? Outcome.SOLVED : boxed ? Outcome.FAILED : Outcome.NO_ANSWER;
        assertEquals(expected, t.getOutcome(), t.getEpisodeId());
        assertEquals(target > 0 ? target : n, t.getAttempts().size(), t.getEpisodeId());
        assertEquals(EpisodeProtocol.terminalReward(expected), t.getTerminalReward(), t.getEpisodeId());
        for (int k = 0; k < t.getAttempts().size(); k++) {
            assertEquals(k + 1, t.getAttempts().get(k).getAttempt());
        }
    }

    private Process startGrader(LocalStack stack, String name) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                RollstreamCommand.class.getName(), "grader",
                "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.registryUrl(),
                "--application-id", "grader-it",
                "--state-dir", dir.resolve("state-" + name).toString(),
                "--streams-config", "session.timeout.ms=6000",
                "--streams-config", "heartbeat.interval.ms=1000",
                "--streams-config", "producer.transaction.timeout.ms=10000")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("grader-" + name + "-" + System.nanoTime() + ".log").toFile())
                .start();
    }

    private static void publishQuestions(String bootstrap, CatalogSerdes serdes) {
        try (KafkaProducer<String, Question> producer = producer(bootstrap, serdes, Topics.QUESTIONS)) {
            for (int q = 0; q < QUESTIONS; q++) {
                Question question = Question.newBuilder().setQuestionId("q" + q).setProblem("sum " + q)
                        .setAnswer(Integer.toString(q)).setDataset("scripted").setSplit("train").setSolution(null)
                        .setCreatedAt(Instant.now()).build();
                producer.send(new ProducerRecord<>(Topics.QUESTIONS.name(), question.getQuestionId(), question));
            }
        }
    }

    private static void publishPrompts(String bootstrap, CatalogSerdes serdes) {
        try (KafkaProducer<String, Prompt> producer = producer(bootstrap, serdes, Topics.PROMPTS)) {
            for (int i = 0; i < EPISODES; i++) {
                int n = 1 + i % 4;
                String questionId = "q" + (i % QUESTIONS);
                Prompt prompt = Prompt.newBuilder().setEpisodeId("ep-" + i).setQuestionId(questionId)
                        .setGroupId("ep-" + i).setGroupSize(1).setAttempt(1).setMaxAttempts(n)
                        .setMessages(List.of(new Message(Role.SYSTEM, EpisodeProtocol.systemPrompt(n)),
                                new Message(Role.USER, "sum " + questionId)))
                        .setOrigin(PromptOrigin.FRESH).setTokenBudget(0).setTokensUsed(0).setMaxNewTokens(0)
                        .setCreatedAt(Instant.now()).build();
                producer.send(new ProducerRecord<>(Topics.PROMPTS.name(), prompt.getEpisodeId(), prompt));
            }
        }
    }

    private static <V> KafkaProducer<String, V> producer(String bootstrap, CatalogSerdes serdes, Topic<String, V> topic) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                serdes.keySerde(topic).serializer(), serdes.valueSerde(topic).serializer());
    }

    /** Reads a topic from the beginning with read_committed until {@code expected} records or the deadline. */
    private static <V> List<V> readUntil(LocalStack stack, CatalogSerdes serdes, Topic<String, V> topic, int expected,
                                         Duration timeout) {
        List<V> values = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                serdes.keySerde(topic).deserializer(), serdes.valueSerde(topic).deserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < topic.partitions(); p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            // Anything beyond the expected count would be a duplicate: give it a moment to show up.
            long settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < settle) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
            }
        }
        assertTrue(values.size() >= expected, topic + ": " + values.size() + " of " + expected + " within " + timeout);
        return values;
    }
}
