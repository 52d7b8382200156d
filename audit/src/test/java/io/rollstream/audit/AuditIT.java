package io.rollstream.audit;

import static io.rollstream.audit.EpisodeScript.correct;
import static io.rollstream.audit.EpisodeScript.play;
import static io.rollstream.audit.EpisodeScript.unformatted;
import static io.rollstream.audit.EpisodeScript.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.grader.app.GraderApp;
import io.rollstream.grader.app.GraderConfig;
import io.rollstream.infra.stack.LocalStack;
import io.rollstream.infra.stack.LocalStackConfig;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audits windows of a real broker: one the real grader produced (then with an injected duplicate), and
 * hand-written ones with a dropped trajectory or a wrong reward. Every test audits only the episodes it
 * started, so the others' records in the read range are skipped as started before its window.
 */
class AuditIT {

    @TempDir
    static Path dir;

    private static LocalStack stack;
    private static HttpSchemaRegistryClient registry;
    private static CatalogSerdes serdes;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(LocalStackConfig.onFreePorts(dir.resolve("kafka")));
        registry = new HttpSchemaRegistryClient(stack.registryUrl());
        serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
    }

    @AfterAll
    static void stopStack() {
        registry.close();
        stack.close();
    }

    @Test
    void shouldPassARealGraderRunThenNameAnInjectedDuplicateGradedRecord() throws Exception {
        Instant from = Instant.now();
        Map<String, List<String>> script = Map.of(
                "real-1", List.of(correct("11")),
                "real-2", List.of(wrong(1), correct("12")),
                "real-3", List.of(wrong(1), unformatted(), correct("13")),
                "real-4", List.of(wrong(1), wrong(2)),
                "real-5", List.of(unformatted(), unformatted(), unformatted()));
        int expectedAttempts = script.values().stream().mapToInt(List::size).sum();
        try (TopicWriter writer = new TopicWriter(stack.bootstrapServers(), serdes)) {
            for (int q = 1; q <= 5; q++) {
                writer.send(Topics.QUESTIONS, "rq" + q, EpisodeScript.question("rq" + q, "1" + q, from));
            }
            try (GraderApp grader = GraderApp.start(graderConfig())) {
                grader.awaitRunning(Duration.ofSeconds(30));
                for (int i = 1; i <= 5; i++) {
                    String id = "real-" + i;
                    writer.send(Topics.PROMPTS, id, EpisodeScript.firstPrompt(id, "rq" + i, script.get(id).size(),
                            Instant.now()));
                }
                answerUntilClosed(writer, script, Duration.ofSeconds(30));
            }
        }
        Instant to = Instant.now();

        AuditReport report = Auditor.run(config(from, to, true));

        assertEquals(0, report.exitCode(), report.summary(20));
        assertEquals(5, report.counts().episodes());
        assertEquals(5, report.counts().closed());
        assertEquals(expectedAttempts, report.counts().gradedAttempts());
        assertEquals(expectedAttempts - 5, report.counts().retryPrompts());
        assertEquals(Map.of("SOLVED", 3, "FAILED", 1, "NO_ANSWER", 1), report.counts().outcomes());
        assertEquals(List.of(new RegradeResult(GraderConfig.GRADER_VERSION, expectedAttempts, expectedAttempts,
                List.of())), report.regrade());
        Path file = dir.resolve("reports/pass.json");
        AuditReportJson.write(report, file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertTrue(json.get("passed").asBoolean());
        assertEquals(expectedAttempts, json.get("counts").get("gradedAttempts").asInt());

        RecordMetadata duplicate = reSendOneGradedRecord();
        AuditReport again = Auditor.run(config(from, Instant.now(), false));

        assertEquals(1, again.exitCode());
        assertEquals(List.of(Check.DUPLICATE_GRADED), again.violations().stream().map(Violation::check).toList());
        RecordRef named = again.violations().get(0).record();
        assertEquals(Topics.GRADED.name(), named.topic());
        assertEquals(duplicate.partition(), named.partition());
        assertEquals(duplicate.offset(), named.offset());
        System.out.print(again.summary(5));
    }

    @Test
    void shouldReportAnEpisodeWhoseTrajectoryWasNeverWrittenAndExitOne() throws Exception {
        Instant from = Instant.now();
        EpisodeScript kept = play("drop-1", "dq1", "4", 2, Instant.now(), "actor-x", 1, true, wrong(3), correct("4"));
        EpisodeScript dropped = play("drop-2", "dq1", "4", 2, Instant.now(), "actor-x", 1, true, wrong(3), wrong(5));
        Map<String, RecordRef> refs;
        try (TopicWriter writer = new TopicWriter(stack.bootstrapServers(), serdes)) {
            writeEpisode(writer, kept, true);
            refs = writeEpisode(writer, dropped, false);
        }

        AuditReport report = Auditor.run(config(from, Instant.now(), false));

        assertEquals(1, report.exitCode(), report.summary(20));
        assertEquals(List.of(Check.MISSING_TRAJECTORY), report.violations().stream().map(Violation::check).toList());
        assertEquals(refs.get("graded-2"), withoutTime(report.violations().get(0).record()));
        assertEquals(1, report.counts().closed());
        assertEquals(1, report.counts().notClosed());
    }

    @Test
    void shouldFlagARewardInconsistentWithItsVerdictAndExitOne() throws Exception {
        Instant from = Instant.now();
        EpisodeScript e = play("reward-1", "wq1", "6", 2, Instant.now(), "actor-y", 1, true, wrong(5), correct("6"));
        GradedAttempt generous = GradedAttempt.newBuilder(e.graded().get(0)).setReward(0.0f).build();
        EpisodeScript bad = new EpisodeScript(e.firstPrompt(), e.attempts(), List.of(generous, e.graded().get(1)),
                e.retries(), Trajectory.newBuilder(e.trajectory()).setAttempts(List.of(generous, e.graded().get(1)))
                        .build());
        Map<String, RecordRef> refs;
        try (TopicWriter writer = new TopicWriter(stack.bootstrapServers(), serdes)) {
            writer.send(Topics.QUESTIONS, "wq1", EpisodeScript.question("wq1", "6", from));
            refs = writeEpisode(writer, bad, true);
        }

        AuditReport report = Auditor.run(config(from, Instant.now(), true));

        assertEquals(1, report.exitCode(), report.summary(20));
        assertEquals(List.of(Check.REWARD_MISMATCH), report.violations().stream().map(Violation::check).toList());
        assertEquals(refs.get("graded-1"), withoutTime(report.violations().get(0).record()));
        assertEquals(List.of(new RegradeResult(EpisodeScript.GRADER_VERSION, 2, 2, List.of())), report.regrade());
    }

    @Test
    void shouldExportTheGradedAttemptsOfAWindowAsJsonLinesAndCsv() throws Exception {
        Instant from = Instant.now();
        EpisodeScript e = play("export-1", "eq1", "3", 3, Instant.now(), "actor-z", 2, true, wrong(1), correct("3"));
        try (TopicWriter writer = new TopicWriter(stack.bootstrapServers(), serdes)) {
            writeEpisode(writer, e, true);
        }
        Instant to = Instant.now().plusMillis(1);

        StringWriter jsonl = new StringWriter();
        ExportSummary lines = Exporter.export(new ExportConfig(stack.bootstrapServers(), stack.registryUrl(),
                Topics.GRADED, from, to, ExportFormat.JSONL, Duration.ofSeconds(20)), jsonl);
        StringWriter csv = new StringWriter();
        ExportSummary rows = Exporter.export(new ExportConfig(stack.bootstrapServers(), stack.registryUrl(),
                Topics.GRADED, from, to, ExportFormat.CSV, Duration.ofSeconds(20)), csv);

        assertEquals(2, lines.written());
        assertEquals(2, rows.written());
        List<String> jsonLines = jsonl.toString().lines().toList();
        JsonNode first = new ObjectMapper().readTree(jsonLines.get(0));
        assertEquals("export-1", first.get("key").asText());
        assertEquals("WRONG", first.get("value").get("verdict").asText());
        assertEquals(-0.5, first.get("value").get("reward").get("float").asDouble());
        List<String> csvLines = csv.toString().lines().toList();
        assertTrue(csvLines.get(0).startsWith("topic,partition,offset,timestamp,key,episodeId,attempt,attemptRecord,"),
                csvLines.get(0));
        assertEquals(3, csvLines.size());
    }

    private static AuditConfig config(Instant from, Instant to, boolean reGrade) {
        return AuditConfig.of(stack.bootstrapServers(), stack.registryUrl(), from, to, reGrade);
    }

    private static GraderConfig graderConfig() {
        GraderConfig defaults = GraderConfig.defaults();
        return defaults.withCluster(stack.bootstrapServers(), stack.registryUrl())
                .withInstance("audit-it-grader", dir.resolve("grader-state"), 1)
                .withSettings(defaults.settings().withAttemptTimeout(Duration.ofMinutes(5))
                        .withClosedRetention(Duration.ofHours(1)))
                .withStreamsOverrides(Map.of("commit.interval.ms", "100"));
    }

    /** Plays the actor: answers every prompt of the script until each of its episodes has a trajectory. */
    private static void answerUntilClosed(TopicWriter writer, Map<String, List<String>> script, Duration timeout)
            throws Exception {
        Set<String> closed = new HashSet<>();
        try (KafkaConsumer<String, Prompt> prompts = consumer(Topics.PROMPTS.name(),
                serdes.valueSerde(Topics.PROMPTS).deserializer());
             KafkaConsumer<String, Trajectory> trajectories = consumer(Topics.TRAJECTORIES.name(),
                     serdes.valueSerde(Topics.TRAJECTORIES).deserializer())) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (closed.size() < script.size()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + closed + " closed within " + timeout);
                }
                for (ConsumerRecord<String, Prompt> r : prompts.poll(Duration.ofMillis(100))) {
                    Prompt p = r.value();
                    List<String> responses = script.get(p.getEpisodeId());
                    if (responses != null) {
                        writer.send(Topics.ATTEMPTS, p.getEpisodeId(), EpisodeScript.attempt(p,
                                responses.get(p.getAttempt() - 1), "actor-it", 1, Instant.now()));
                    }
                }
                for (ConsumerRecord<String, Trajectory> r : trajectories.poll(Duration.ofMillis(10))) {
                    if (script.containsKey(r.key())) {
                        closed.add(r.key());
                    }
                }
            }
        }
    }

    private static <V> KafkaConsumer<String, V> consumer(String topic, Deserializer<V> values) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "audit-it-" + topic,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                serdes.keySerde(Topics.PROMPTS).deserializer(), values);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Reads the first graded record of a real-* episode and appends its exact bytes again. */
    private static RecordMetadata reSendOneGradedRecord() throws Exception {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             TopicWriter writer = new TopicWriter(stack.bootstrapServers(), serdes)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.GRADED.partitions(); p++) {
                partitions.add(new TopicPartition(Topics.GRADED.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (new String(r.key(), StandardCharsets.UTF_8).startsWith("real-")) {
                        return writer.sendRaw(r.topic(), r.key(), r.value());
                    }
                }
            }
        }
        throw new AssertionError("no graded record of a real-* episode");
    }

    /** Writes an episode's records in the order the pipeline would, naming where each landed. */
    private static Map<String, RecordRef> writeEpisode(TopicWriter writer, EpisodeScript e, boolean withTrajectory)
            throws Exception {
        Map<String, RecordRef> refs = new HashMap<>();
        String id = e.firstPrompt().getEpisodeId();
        refs.put("prompt-1", TopicWriter.ref(writer.send(Topics.PROMPTS, id, e.firstPrompt())));
        for (int i = 0; i < e.attempts().size(); i++) {
            refs.put("attempt-" + (i + 1), TopicWriter.ref(writer.send(Topics.ATTEMPTS, id, e.attempts().get(i))));
            refs.put("graded-" + (i + 1), TopicWriter.ref(writer.send(Topics.GRADED, id, e.graded().get(i))));
            if (i < e.retries().size()) {
                refs.put("prompt-" + (i + 2), TopicWriter.ref(writer.send(Topics.PROMPTS, id, e.retries().get(i))));
            }
        }
        if (withTrajectory) {
            refs.put("trajectory", TopicWriter.ref(writer.send(Topics.TRAJECTORIES, id, e.trajectory())));
        }
        refs.replaceAll((k, v) -> withoutTime(v));
        return refs;
    }

    /** Producer metadata and consumed records may differ in timestamp type; compare positions only. */
    private static RecordRef withoutTime(RecordRef ref) {
        return new RecordRef(ref.topic(), ref.partition(), ref.offset(), Instant.EPOCH);
    }
}
