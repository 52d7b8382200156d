package io.rollstream.infra.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollstream.infra.stack.LocalStack;
import io.rollstream.infra.stack.LocalStackConfig;
import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.ConfluentAvroDeserializer;
import io.rollstream.schemas.serde.ConfluentAvroSerializer;
import io.rollstream.schemas.serde.ConfluentWireFormat;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the Confluent wire format and registry API against {@code @kafkajs/confluent-schema-registry}, an
 * independent client: it must read what our serializer writes through our registry, and we must read what
 * it writes after registering a schema of its own.
 */
class ConfluentNpmClientIT {

    /** A subject outside the catalog, as a third-party producer would create it. */
    private static final String PROBE_TOPIC = "interop-test";
    private static final String PROBE_SUBJECT = PROBE_TOPIC + "-value";

    private static NpmConfluentClient npm;

    @TempDir
    Path dir;

    @BeforeAll
    static void installNpmClient() {
        Assumptions.assumeTrue(NpmConfluentClient.missingTool().isEmpty(),
                () -> "skipped: the npm Confluent client needs Node.js and npm; "
                        + NpmConfluentClient.missingTool().orElse(""));
        npm = NpmConfluentClient.install();
    }

    @Test
    void shouldLetTheNpmClientDecodeOurRecordsAndEncodeRecordsWeDecode() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStackConfig.onFreePorts(dir.resolve("stack")));
             HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl())) {
            assertNpmReadsGradedAttempt(stack.registryUrl(), registry);
            assertNpmReadsAttempt(stack.registryUrl(), registry);
            assertWeReadNpmRecord(stack.registryUrl(), registry);
        }
    }

    private void assertNpmReadsGradedAttempt(String registryUrl, HttpSchemaRegistryClient registry) throws Exception {
        GradedAttempt graded = InteropRecords.closingGrade();
        byte[] bytes;
        try (ConfluentAvroSerializer<GradedAttempt> serializer =
                     new ConfluentAvroSerializer<>(registry, SerdeOptions.defaults())) {
            bytes = serializer.serialize(Topics.GRADED.name(), graded);
        }
        Path file = Files.write(dir.resolve("graded.bin"), bytes);

        JsonNode answer = npm.decode(registryUrl, Topics.GRADED.valueSubject(), file);
        int schemaId = ConfluentWireFormat.schemaId(Topics.GRADED.name(), bytes);
        assertEquals(schemaId, answer.get("latestSchemaId").intValue());
        JsonNode record = answer.get("record");
        assertEquals(fieldNames(GradedAttempt.getClassSchema()), fieldNames(record), record::toString);
        assertEquals("ep-1", record.get("episodeId").textValue());
        assertEquals("CORRECT", record.get("verdict").textValue());
        assertEquals("84", record.get("extractedAnswer").textValue());
        assertTrue(record.get("feedback").isNull(), record::toString);
        assertEquals(1.0, record.get("reward").doubleValue());
        assertTrue(record.get("closesEpisode").booleanValue());
        assertEquals(1234L, record.get("gradingMicros").longValue());
        // Without avsc's logical-type hooks a timestamp-millis is its underlying long: epoch milliseconds.
        assertTrue(record.get("gradedAt").isIntegralNumber(), record::toString);
        assertEquals(graded.getGradedAt().toEpochMilli(), record.get("gradedAt").longValue());

        JsonNode attempt = record.get("attemptRecord");
        assertEquals(InteropRecords.RETRY_RESPONSE, attempt.get("response").textValue());
        assertEquals(List.of(1L, 2L, 3L, 40000L, -1L), longs(attempt.get("promptTokenIds")));
        assertEquals(List.of((double) -0.25f, (double) -1.5f, (double) -0.001f), doubles(attempt.get("logProbs")));
        assertEquals("BOXED", attempt.get("finishReason").textValue());
        // The attempt refers to its prompt instead of embedding it.
        assertEquals(graded.getAttemptRecord().getPromptId(), attempt.get("promptId").textValue());
        assertEquals(graded.getAttemptRecord().getPolicyName(), attempt.get("policyName").textValue());
        assertTrue(attempt.get("prompt") == null, attempt::toString);
    }

    private void assertNpmReadsAttempt(String registryUrl, HttpSchemaRegistryClient registry) throws Exception {
        Attempt fresh = InteropRecords.freshAttempt();
        byte[] bytes;
        try (ConfluentAvroSerializer<Attempt> serializer =
                     new ConfluentAvroSerializer<>(registry, SerdeOptions.defaults())) {
            bytes = serializer.serialize(Topics.ATTEMPTS.name(), fresh);
        }
        Path file = Files.write(dir.resolve("attempt.bin"), bytes);

        JsonNode answer = npm.decode(registryUrl, Topics.ATTEMPTS.valueSubject(), file);
        int schemaId = ConfluentWireFormat.schemaId(Topics.ATTEMPTS.name(), bytes);
        assertEquals(schemaId, answer.get("latestSchemaId").intValue());
        JsonNode record = answer.get("record");
        assertEquals(fieldNames(Attempt.getClassSchema()), fieldNames(record), record::toString);
        assertEquals("ep-2", record.get("episodeId").textValue());
        assertEquals("2^40 = 1099511627776", record.get("response").textValue());
        assertEquals("MAX_TOKENS", record.get("finishReason").textValue());
        assertEquals(1L << 40, record.get("policyVersion").longValue());
        assertEquals(fresh.getFinishedAt().toEpochMilli(), record.get("finishedAt").longValue());
        assertEquals(fresh.getPromptId(), record.get("promptId").textValue());
        assertEquals(fresh.getPolicyName(), record.get("policyName").textValue());
        assertEquals(fresh.getRunId(), record.get("runId").textValue());
    }

    private void assertWeReadNpmRecord(String registryUrl, HttpSchemaRegistryClient registry) throws Exception {
        Path file = dir.resolve("probe.bin");
        JsonNode answer = npm.encode(registryUrl, PROBE_SUBJECT, file);
        int registeredId = answer.get("registeredId").intValue();
        // The second registration reads back the subject-level compatibility the first one set (PUT /config/{subject}).
        assertEquals(registeredId, answer.get("reRegisteredId").intValue());
        assertEquals(registeredId, answer.get("latestSchemaId").intValue());
        assertEquals(registeredId, registry.latest(PROBE_SUBJECT).id());
        assertEquals(List.of(1), registry.versions(PROBE_SUBJECT));

        byte[] bytes = Files.readAllBytes(file);
        assertEquals(registeredId, ConfluentWireFormat.schemaId(PROBE_TOPIC, bytes));
        GenericRecord probe;
        try (ConfluentAvroDeserializer<GenericRecord> deserializer = new ConfluentAvroDeserializer<>(registry)) {
            probe = deserializer.deserialize(PROBE_TOPIC, bytes);
        }
        assertEquals("org.example.node.InteropProbe", probe.getSchema().getFullName());
        assertEquals("node-1 ✓ ünïcödé", probe.get("id").toString());
        assertEquals(-42, probe.get("count"));
        assertEquals(4_503_599_627_370_497L, probe.get("total"));
        assertNull(probe.get("note"));
        assertEquals(0.25, probe.get("score"));
        assertEquals("timestamp-millis", probe.getSchema().getField("createdAt").schema().getLogicalType().getName());
        assertEquals(1_740_830_400_123L, probe.get("createdAt"));
        assertEquals("GREEN", probe.get("color").toString());
        assertEquals(List.of(0.5f, -1.25f), probe.get("weights"));
        Map<String, String> tags = new TreeMap<>();
        ((Map<?, ?>) probe.get("tags")).forEach((k, v) -> tags.put(k.toString(), v.toString()));
        assertEquals(Map.of("origin", "npm"), tags);
    }

    private static List<String> fieldNames(Schema schema) {
        return schema.getFields().stream().map(Schema.Field::name).toList();
    }

    private static List<String> fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(v -> values.add(v.longValue()));
        return values;
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> values = new ArrayList<>();
        array.forEach(v -> values.add(v.doubleValue()));
        return values;
    }
}
