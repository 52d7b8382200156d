package io.rollstream.infra.registry;

import static io.rollstream.infra.registry.RegistryHttp.json;
import static io.rollstream.infra.registry.RegistryHttp.schemaBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rollstream.infra.kafka.EmbeddedKafka;
import io.rollstream.infra.kafka.EmbeddedKafkaConfig;
import io.rollstream.infra.registry.RegistryHttp.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedSchemaRegistryIT {

    private static final String V1 = """
            {"type": "record", "name": "Question", "namespace": "t",
             "fields": [{"name": "id", "type": "string"}]}""";
    private static final String V1_CANONICAL =
            "{\"type\":\"record\",\"name\":\"Question\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
    /** Adds a field with a default: readable from v1 data, so BACKWARD accepts it. */
    private static final String V2 = """
            {"type": "record", "name": "Question", "namespace": "t",
             "fields": [{"name": "id", "type": "string"}, {"name": "text", "type": "string", "default": ""}]}""";
    /** Adds a field without a default: cannot read v2 data, so BACKWARD refuses it. */
    private static final String V3_INCOMPATIBLE = """
            {"type": "record", "name": "Question", "namespace": "t",
             "fields": [{"name": "id", "type": "string"}, {"name": "text", "type": "string", "default": ""},
                        {"name": "answer", "type": "int"}]}""";
    private static final String SUBJECT = "questions-value";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void shouldServeConfluentsRestApiWithConfluentsErrors() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.at(dir));
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(RegistryConfig.local(kafka.bootstrapServers()))) {
            RegistryHttp http = new RegistryHttp(registry.url());

            assertReply(200, "[]", http.get("/subjects"));
            assertReply(200, "{\"compatibilityLevel\":\"BACKWARD\"}", http.get("/config"));

            Reply first = http.post("/subjects/" + SUBJECT + "/versions", schemaBody(V1));
            assertReply(200, "{\"id\":1}", first);
            assertEquals("application/vnd.schemaregistry.v1+json", first.contentType());
            assertReply(200, "{\"id\":1}", http.post("/subjects/" + SUBJECT + "/versions", schemaBody(V1)));
            assertReply(200, "{\"id\":1}", http.post("/subjects/" + SUBJECT + "/versions",
                    "{\"schema\":" + jsonString(V1) + ",\"schemaType\":\"AVRO\"}"));

            String v1Registration = "{\"subject\":\"" + SUBJECT + "\",\"version\":1,\"id\":1,\"schema\":"
                    + jsonString(V1_CANONICAL) + "}";
            assertReply(200, v1Registration, http.post("/subjects/" + SUBJECT, schemaBody(V1)));
            assertReply(200, v1Registration, http.post("/subjects/" + SUBJECT, schemaBody(V1), "application/json"));
            assertReply(200, v1Registration,
                    http.post("/subjects/" + SUBJECT, schemaBody(V1), "application/octet-stream"));
            assertReply(200, "{\"schema\":" + jsonString(V1_CANONICAL) + "}", http.get("/schemas/ids/1"));

            assertReply(200, "{\"is_compatible\":true,\"messages\":[]}",
                    http.post("/compatibility/subjects/" + SUBJECT + "/versions/latest", schemaBody(V2)));
            assertReply(200, "{\"id\":2}", http.post("/subjects/" + SUBJECT + "/versions", schemaBody(V2)));
            assertReply(200, "[1,2]", http.get("/subjects/" + SUBJECT + "/versions"));
            assertReply(200, "[\"" + SUBJECT + "\"]", http.get("/subjects"));
            assertReply(200, v1Registration, http.get("/subjects/" + SUBJECT + "/versions/1"));
            Reply latest = http.get("/subjects/" + SUBJECT + "/versions/latest");
            assertEquals(2, latest.json().get("version").asInt());
            assertEquals(2, latest.json().get("id").asInt());
            assertEquals(latest.json(), http.get("/subjects/" + SUBJECT + "/versions/-1").json());

            Reply verdict = http.post("/compatibility/subjects/" + SUBJECT + "/versions/latest",
                    schemaBody(V3_INCOMPATIBLE));
            assertEquals(200, verdict.status());
            assertFalse(verdict.json().get("is_compatible").asBoolean());
            assertTrue(verdict.json().get("messages").toString().contains("answer"), verdict.json().toString());
            Reply refused = http.post("/subjects/" + SUBJECT + "/versions", schemaBody(V3_INCOMPATIBLE));
            assertError(409, 40901, refused);
            assertTrue(refused.json().get("message").asText().contains("answer"), refused.json().toString());
            assertReply(200, "[1,2]", http.get("/subjects/" + SUBJECT + "/versions"));

            Reply invalid = http.post("/subjects/" + SUBJECT + "/versions",
                    schemaBody("{\"type\": \"record\", \"name\": \"Broken\", \"fields\": [{\"name\": \"x\", \"type\": \"strin\"}]}"));
            assertError(422, 42201, invalid);
            assertTrue(invalid.json().get("message").asText().contains("strin"), invalid.json().toString());
            assertError(422, 42201, http.post("/subjects/" + SUBJECT + "/versions", schemaBody("{not json")));

            assertError(404, 40401, http.get("/subjects/nope/versions"));
            assertError(404, 40401, http.get("/subjects/nope/versions/1"));
            assertError(404, 40401, http.post("/subjects/nope", schemaBody(V1)));
            assertError(404, 40403, http.post("/subjects/" + SUBJECT, schemaBody(V3_INCOMPATIBLE)));
            assertError(404, 40402, http.get("/subjects/" + SUBJECT + "/versions/9"));
            assertError(422, 42202, http.get("/subjects/" + SUBJECT + "/versions/zero"));
            assertError(404, 40403, http.get("/schemas/ids/99"));

            assertError(404, 40408, http.get("/config/" + SUBJECT));
            assertReply(200, "{\"compatibilityLevel\":\"BACKWARD\"}",
                    http.get("/config/" + SUBJECT + "?defaultToGlobal=true"));
            assertReply(200, "{\"compatibility\":\"NONE\"}", http.put("/config/" + SUBJECT, "{\"compatibility\":\"NONE\"}"));
            assertReply(200, "{\"compatibilityLevel\":\"NONE\"}", http.get("/config/" + SUBJECT));
            assertReply(200, "{\"id\":3}", http.post("/subjects/" + SUBJECT + "/versions", schemaBody(V3_INCOMPATIBLE)));

            assertError(422, 42203, http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}"));
            assertReply(200, "{\"compatibility\":\"FULL\"}", http.put("/config", "{\"compatibility\":\"full\"}"));
            assertReply(200, "{\"compatibilityLevel\":\"FULL\"}", http.get("/config"));
            assertReply(200, "{\"compatibilityLevel\":\"FULL\"}", http.get("/config/other?defaultToGlobal=true"));

            assertReply(200, "{\"id\":1}", http.post("/subjects/other-value/versions", schemaBody(V1)));
        }
    }

    @Test
    void shouldAgreeOnIdsAndVersionsAcrossTwoInstancesRegisteringConcurrently() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.at(dir));
             EmbeddedSchemaRegistry a = EmbeddedSchemaRegistry.start(RegistryConfig.local(kafka.bootstrapServers()));
             EmbeddedSchemaRegistry b = EmbeddedSchemaRegistry.start(RegistryConfig.local(kafka.bootstrapServers()))) {
            RegistryHttp httpA = new RegistryHttp(a.url());
            RegistryHttp httpB = new RegistryHttp(b.url());

            assertReply(200, "{\"id\":1}", httpA.post("/subjects/x-value/versions", schemaBody(V1)));
            // B may not have read A's record yet; its proposal is then answered from the log with A's id.
            assertReply(200, "{\"id\":1}", httpB.post("/subjects/x-value/versions", schemaBody(V1)));
            assertReply(200, "{\"id\":2}", httpB.post("/subjects/y-value/versions", schemaBody(V2)));

            int writers = 6;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<Reply>> replies = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    RegistryHttp http = i % 2 == 0 ? httpA : httpB;
                    String schema = withOptionalField("extra" + i);
                    replies.add(pool.submit(() -> http.post("/subjects/z-value/versions", schemaBody(schema))));
                }
                Set<Integer> ids = new HashSet<>();
                for (Future<Reply> reply : replies) {
                    assertEquals(200, reply.get().status(), reply.get().json().toString());
                    ids.add(reply.get().json().get("id").asInt());
                }
                assertEquals(Set.of(3, 4, 5, 6, 7, 8), ids, "each new schema got its own id, max+1 in log order");
            } finally {
                pool.shutdownNow();
            }

            // Each reply only promises that the answering instance has read the registration; wait for both.
            JsonNode allVersions = json("[1,2,3,4,5,6]");
            awaitEqual(allVersions, () -> httpA.get("/subjects/z-value/versions").json());
            awaitEqual(allVersions, () -> httpB.get("/subjects/z-value/versions").json());
            for (int version = 1; version <= writers; version++) {
                String path = "/subjects/z-value/versions/" + version;
                assertEquals(httpA.get(path).json(), httpB.get(path).json(), path);
            }
            for (int id = 1; id <= 8; id++) {
                assertEquals(httpA.get("/schemas/ids/" + id).json(), httpB.get("/schemas/ids/" + id).json());
            }
        }
    }

    @Test
    void shouldKeepSchemasAndLevelsWhenBrokerAndRegistryRestartOnTheirDataDirectory() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.at(dir));
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(RegistryConfig.local(kafka.bootstrapServers()))) {
            RegistryHttp http = new RegistryHttp(registry.url());
            assertReply(200, "{\"id\":1}", http.post("/subjects/" + SUBJECT + "/versions", schemaBody(V1)));
            assertReply(200, "{\"id\":2}", http.post("/subjects/" + SUBJECT + "/versions", schemaBody(V2)));
            assertReply(200, "{\"compatibility\":\"FORWARD\"}", http.put("/config/" + SUBJECT, "{\"compatibility\":\"FORWARD\"}"));
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.resume(dir));
             EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(RegistryConfig.local(kafka.bootstrapServers()))) {
            RegistryHttp http = new RegistryHttp(registry.url());
            assertReply(200, "[1,2]", http.get("/subjects/" + SUBJECT + "/versions"));
            assertReply(200, "{\"schema\":" + jsonString(V1_CANONICAL) + "}", http.get("/schemas/ids/1"));
            assertReply(200, "{\"compatibilityLevel\":\"FORWARD\"}", http.get("/config/" + SUBJECT));
            assertReply(200, "{\"id\":2}", http.post("/subjects/" + SUBJECT + "/versions", schemaBody(V2)));
            assertReply(200, "{\"id\":3}", http.post("/subjects/other-value/versions", schemaBody("\"string\"")));
        }
    }

    private static String withOptionalField(String name) {
        return "{\"type\":\"record\",\"name\":\"Z\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
                + "{\"name\":\"" + name + "\",\"type\":\"int\",\"default\":0}]}";
    }

    private static String jsonString(String text) {
        return TextNode.valueOf(text).toString();
    }

    private static void assertReply(int status, String expectedJson, Reply reply) {
        assertEquals(status, reply.status(), reply.json().toString());
        assertEquals(json(expectedJson), reply.json());
    }

    private static void assertError(int status, int errorCode, Reply reply) {
        assertEquals(status, reply.status(), reply.json().toString());
        assertEquals(errorCode, reply.json().get("error_code").asInt(), reply.json().toString());
        assertTrue(reply.json().get("message").isTextual(), reply.json().toString());
        assertEquals(2, reply.json().size(), "exactly error_code and message: " + reply.json());
    }

    private static void awaitEqual(JsonNode expected, Supplier<JsonNode> actual) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        JsonNode last = actual.get();
        while (!expected.equals(last) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            last = actual.get();
        }
        assertEquals(expected, last);
    }
}
