package io.rollstream.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rollstream.schemas.security.ClientLogin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSchemaRegistryClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SCHEMA = SchemaBuilder.record("Thing").namespace("test").fields()
            .requiredString("name").endRecord();

    private record Seen(String method, String pathAndQuery, String contentType, String accept, String body,
                        String authorization) {
    }

    private record Answer(int status, String body) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> script = new ConcurrentHashMap<>();
    private HttpServer server;
    private HttpSchemaRegistryClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        client = new HttpSchemaRegistryClient("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String pathAndQuery = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), pathAndQuery,
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Accept"), body,
                exchange.getRequestHeaders().getFirst("Authorization")));
        Answer answer = script.getOrDefault(exchange.getRequestMethod() + " " + pathAndQuery,
                new Answer(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}"));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void answer(String request, int status, String body) {
        script.put(request, new Answer(status, body));
    }

    private static String quoted(Schema schema) throws IOException {
        return JSON.writeValueAsString(schema.toString());
    }

    @Test
    void shouldSendBasicAuthOnlyWhenLoggedInAndNeverPutThePasswordInAnError() {
        answer("GET /subjects", 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        try (HttpSchemaRegistryClient secured = new HttpSchemaRegistryClient(url,
                ClientLogin.of("rollstream-auditor", "pa55word", Map.of()))) {
            RegistryException e = assertThrows(RegistryException.class, secured::subjects);
            assertEquals(401, e.httpStatus());
            assertFalse(e.getMessage().contains("pa55word"), e.getMessage());
        }
        assertThrows(RegistryException.class, client::subjects);

        assertEquals("Basic " + Base64.getEncoder().encodeToString(
                "rollstream-auditor:pa55word".getBytes(StandardCharsets.UTF_8)), seen.get(0).authorization());
        assertNull(seen.get(1).authorization());
    }

    @Test
    void shouldRegisterWithTheConfluentBodyAndContentTypeAndCacheTheIdBothWays() throws IOException {
        answer("POST /subjects/rl-graded-v1-value/versions", 200, "{\"id\":7}");

        assertEquals(7, client.register("rl-graded-v1-value", SCHEMA));
        assertEquals(7, client.register("rl-graded-v1-value", SCHEMA));
        assertEquals(SCHEMA, client.schemaById(7));

        assertEquals(1, seen.size(), "the second register and the id lookup come from the caches");
        Seen request = seen.get(0);
        assertEquals("POST", request.method());
        assertEquals("/subjects/rl-graded-v1-value/versions", request.pathAndQuery());
        assertEquals("application/vnd.schemaregistry.v1+json", request.contentType());
        assertTrue(request.accept().startsWith("application/vnd.schemaregistry.v1+json"), request.accept());
        JsonNode body = JSON.readTree(request.body());
        assertEquals(List.of("schema"), names(body));
        assertEquals(SCHEMA, new Schema.Parser().parse(body.get("schema").asText()));
    }

    @Test
    void shouldFetchASchemaByIdOnceAndParseIt() throws IOException {
        answer("GET /schemas/ids/12", 200, "{\"schema\":" + quoted(SCHEMA) + "}");

        assertEquals(SCHEMA, client.schemaById(12));
        assertEquals(SCHEMA, client.schemaById(12));

        assertEquals(1, seen.size());
        assertEquals("/schemas/ids/12", seen.get(0).pathAndQuery());
        assertNull(seen.get(0).contentType(), "a GET carries no body and no content type");
    }

    @Test
    void shouldParseTheErrorBodyIntoStatusCodeAndMessageNamingTheUrl() {
        answer("GET /schemas/ids/99", 404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}");

        RegistryException e = assertThrows(RegistryException.class, () -> client.schemaById(99));

        assertEquals(404, e.httpStatus());
        assertEquals(40403, e.errorCode());
        assertTrue(e.isNotFound());
        assertTrue(e.getMessage().contains("/schemas/ids/99"), e.getMessage());
        assertTrue(e.getMessage().contains("404") && e.getMessage().contains("Schema 99 not found"), e.getMessage());
    }

    @Test
    void shouldKeepTheRawBodyWhenTheErrorIsNotJson() {
        answer("GET /subjects", 502, "<html>Bad gateway</html>");

        RegistryException e = assertThrows(RegistryException.class, () -> client.subjects());

        assertEquals(502, e.httpStatus());
        assertEquals(502, e.errorCode());
        assertTrue(e.getMessage().contains("Bad gateway"), e.getMessage());
    }

    @Test
    void shouldLookUpAnIdUnderASubjectAndReportAnIncompatibleRegistration() throws IOException {
        answer("POST /subjects/s-value", 200,
                "{\"subject\":\"s-value\",\"version\":3,\"id\":21,\"schema\":" + quoted(SCHEMA) + "}");
        answer("POST /subjects/t-value/versions", 409,
                "{\"error_code\":40901,\"message\":\"Schema being registered is incompatible with an earlier schema\"}");

        assertEquals(21, client.lookupId("s-value", SCHEMA));
        RegistryException e = assertThrows(RegistryException.class, () -> client.register("t-value", SCHEMA));

        assertEquals("/subjects/s-value", seen.get(0).pathAndQuery());
        assertEquals("POST", seen.get(0).method());
        assertEquals(409, e.httpStatus());
        assertEquals(RegistryException.INCOMPATIBLE_SCHEMA, e.errorCode());
    }

    @Test
    void shouldReadLatestVersionsAndSubjects() throws IOException {
        answer("GET /subjects/s-value/versions/latest", 200,
                "{\"subject\":\"s-value\",\"version\":2,\"id\":5,\"schema\":" + quoted(SCHEMA) + "}");
        answer("GET /subjects/s-value/versions/1", 200,
                "{\"subject\":\"s-value\",\"version\":1,\"id\":4,\"schema\":" + quoted(SCHEMA) + "}");
        answer("GET /subjects/s-value/versions", 200, "[1,2]");
        answer("GET /subjects", 200, "[\"s-value\",\"t-key\"]");

        assertEquals(new RegisteredSchema("s-value", 2, 5, SCHEMA), client.latest("s-value"));
        assertEquals(new RegisteredSchema("s-value", 1, 4, SCHEMA), client.version("s-value", 1));
        assertEquals(List.of(1, 2), client.versions("s-value"));
        assertEquals(List.of("s-value", "t-key"), client.subjects());
    }

    @Test
    void shouldTestCompatibilityAgainstTheLatestVersion() throws IOException {
        answer("POST /compatibility/subjects/s-value/versions/latest?verbose=true", 200,
                "{\"is_compatible\":false,\"messages\":[\"READER_FIELD_MISSING_DEFAULT_VALUE: name\"]}");

        CompatibilityResult result = client.testCompatibility("s-value", SCHEMA);

        assertFalse(result.compatible());
        assertEquals(List.of("READER_FIELD_MISSING_DEFAULT_VALUE: name"), result.messages());
        assertEquals("application/vnd.schemaregistry.v1+json", seen.get(0).contentType());
        assertEquals(SCHEMA, new Schema.Parser().parse(JSON.readTree(seen.get(0).body()).get("schema").asText()));
    }

    @Test
    void shouldReadAndWriteCompatibilityConfig() throws IOException {
        answer("GET /config", 200, "{\"compatibilityLevel\":\"BACKWARD\"}");
        answer("GET /config/s-value?defaultToGlobal=true", 200, "{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
        answer("PUT /config/s-value", 200, "{\"compatibility\":\"FULL\"}");
        answer("PUT /config", 422, "{\"error_code\":42203,\"message\":\"Invalid compatibility level\"}");

        assertEquals("BACKWARD", client.compatibility(null));
        assertEquals("FULL_TRANSITIVE", client.compatibility("s-value"));
        client.setCompatibility("s-value", "FULL");
        RegistryException e = assertThrows(RegistryException.class, () -> client.setCompatibility(null, "SIDEWAYS"));

        Seen put = seen.get(2);
        assertEquals("PUT", put.method());
        assertEquals("/config/s-value", put.pathAndQuery());
        assertEquals("application/vnd.schemaregistry.v1+json", put.contentType());
        assertEquals(JSON.readTree("{\"compatibility\":\"FULL\"}"), JSON.readTree(put.body()));
        assertEquals(42203, e.errorCode());
    }

    @Test
    void shouldEncodeSubjectsAsOnePathSegment() {
        answer("GET /subjects/a%2Fb%20c/versions", 200, "[1]");

        assertEquals(List.of(1), client.versions("a/b c"));
    }

    @Test
    void shouldRefuseAUrlThatIsNotHttp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HttpSchemaRegistryClient("localhost:8081"));
        assertTrue(e.getMessage().contains("localhost:8081"), e.getMessage());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
