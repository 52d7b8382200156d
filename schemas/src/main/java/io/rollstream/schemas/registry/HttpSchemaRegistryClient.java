package io.rollstream.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollstream.schemas.security.ClientLogin;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Client for a Confluent-compatible schema registry over HTTP (java.net.http, Jackson). Ids are
 * immutable once assigned, so subject+schema to id and id to schema are cached for the client's life;
 * "latest" and configuration are always asked afresh.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient, AutoCloseable {

    /** Content type of every request body, and the preferred answer type. */
    public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final String ACCEPT = CONTENT_TYPE
            + ", application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY_IN_MESSAGE = 300;

    private record SubjectSchema(String subject, String schemaText) {
    }

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;
    private final Optional<String> authorization;
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /** A client for the registry at {@code baseUrl} (e.g. {@code http://localhost:8081}) with 10 s timeouts. */
    public HttpSchemaRegistryClient(String baseUrl) {
        this(baseUrl, DEFAULT_TIMEOUT);
    }

    /** A client whose connect and request timeouts are both {@code timeout}. */
    public HttpSchemaRegistryClient(String baseUrl, Duration timeout) {
        this(baseUrl, timeout, ClientLogin.NONE);
    }

    /** A client with 10 s timeouts that sends {@code login}'s user and password as HTTP basic auth, if any. */
    public HttpSchemaRegistryClient(String baseUrl, ClientLogin login) {
        this(baseUrl, DEFAULT_TIMEOUT, login);
    }

    /** A client with both timeouts {@code timeout} that sends {@code login}'s basic auth, if any. */
    public HttpSchemaRegistryClient(String baseUrl, Duration timeout, ClientLogin login) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.authorization = Objects.requireNonNull(login, "login").basicAuthorization();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        String trimmed = baseUrl.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schema registry URL '" + baseUrl + "' is not a URI", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "schema registry URL '" + baseUrl + "' must be http://host:port or https://host:port");
        }
        this.baseUrl = trimmed;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The registry's base URL, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public int register(String subject, Schema schema) {
        String text = schema.toString();
        SubjectSchema key = new SubjectSchema(subject, text);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + segment(subject) + "/versions", schemaBody(text));
        int id = requiredInt(answer, "id", "/subjects/" + subject + "/versions");
        remember(key, id, schema);
        return id;
    }

    @Override
    public int lookupId(String subject, Schema schema) {
        String text = schema.toString();
        SubjectSchema key = new SubjectSchema(subject, text);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + segment(subject), schemaBody(text));
        int id = requiredInt(answer, "id", "/subjects/" + subject);
        remember(key, id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        String path = "/schemas/ids/" + id;
        Schema schema = parseSchema(send("GET", path, null), path);
        Schema raced = schemasById.putIfAbsent(id, schema);
        return raced != null ? raced : schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return registered(send("GET", "/subjects/" + segment(subject) + "/versions/latest", null),
                "/subjects/" + subject + "/versions/latest");
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return registered(send("GET", "/subjects/" + segment(subject) + "/versions/" + version, null),
                "/subjects/" + subject + "/versions/" + version);
    }

    @Override
    public List<Integer> versions(String subject) {
        JsonNode answer = send("GET", "/subjects/" + segment(subject) + "/versions", null);
        List<Integer> versions = new ArrayList<>();
        requiredArray(answer, "/subjects/" + subject + "/versions").forEach(v -> versions.add(v.asInt()));
        return List.copyOf(versions);
    }

    @Override
    public List<String> subjects() {
        JsonNode answer = send("GET", "/subjects", null);
        List<String> subjects = new ArrayList<>();
        requiredArray(answer, "/subjects").forEach(s -> subjects.add(s.asText()));
        return List.copyOf(subjects);
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        String path = "/compatibility/subjects/" + segment(subject) + "/versions/latest?verbose=true";
        JsonNode answer;
        try {
            answer = send("POST", path, schemaBody(schema.toString()));
        } catch (RegistryException e) {
            // Older registries answer 40401 for a subject without versions; such a subject accepts anything.
            if (e.errorCode() == RegistryException.SUBJECT_NOT_FOUND) {
                return new CompatibilityResult(true, List.of());
            }
            throw e;
        }
        JsonNode flag = answer.get("is_compatible");
        if (flag == null || !flag.isBoolean()) {
            throw malformed(path, "no boolean is_compatible", answer);
        }
        List<String> messages = new ArrayList<>();
        JsonNode list = answer.get("messages");
        if (list != null && list.isArray()) {
            list.forEach(m -> messages.add(m.asText()));
        }
        if (!flag.booleanValue() && messages.isEmpty()) {
            messages.add("the registry gave no reason");
        }
        return new CompatibilityResult(flag.booleanValue(), messages);
    }

    @Override
    public String compatibility(String subjectOrNullForGlobal) {
        String path = subjectOrNullForGlobal == null
                ? "/config"
                : "/config/" + segment(subjectOrNullForGlobal) + "?defaultToGlobal=true";
        JsonNode answer = send("GET", path, null);
        JsonNode level = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.get("compatibility");
        if (level == null || !level.isTextual()) {
            throw malformed(path, "no compatibilityLevel", answer);
        }
        return level.asText();
    }

    @Override
    public void setCompatibility(String subjectOrNullForGlobal, String level) {
        Objects.requireNonNull(level, "level");
        String path = subjectOrNullForGlobal == null ? "/config" : "/config/" + segment(subjectOrNullForGlobal);
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        send("PUT", path, body.toString());
    }

    /** Drops the caches; java.net.http on Java 17 frees its connections when the client is collected. */
    @Override
    public void close() {
        idsBySubjectSchema.clear();
        schemasById.clear();
    }

    private void remember(SubjectSchema key, int id, Schema schema) {
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
    }

    private RegisteredSchema registered(JsonNode answer, String path) {
        JsonNode subject = answer.get("subject");
        if (subject == null || !subject.isTextual()) {
            throw malformed(path, "no subject", answer);
        }
        int id = requiredInt(answer, "id", path);
        Schema schema = parseSchema(answer, path);
        Schema known = schemasById.putIfAbsent(id, schema);
        return new RegisteredSchema(subject.asText(), requiredInt(answer, "version", path), id,
                known != null ? known : schema);
    }

    private Schema parseSchema(JsonNode answer, String path) {
        JsonNode type = answer.get("schemaType");
        if (type != null && type.isTextual() && !type.asText().equals("AVRO")) {
            throw malformed(path, "schema of type " + type.asText() + "; only AVRO is supported", answer);
        }
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw malformed(path, "no schema string", answer);
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new RegistryException(200, RegistryException.INVALID_SCHEMA,
                    "Schema registry " + baseUrl + path + " returned a schema Avro cannot parse: " + e.getMessage(), e);
        }
    }

    private JsonNode send(String method, String path, String body) {
        URI uri = URI.create(baseUrl + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", ACCEPT);
        authorization.ifPresent(value -> request.header("Authorization", value));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RegistryException(RegistryException.NO_RESPONSE, RegistryException.NO_RESPONSE,
                    "Schema registry " + method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.NO_RESPONSE, RegistryException.NO_RESPONSE,
                    "Interrupted during schema registry " + method + " " + uri, e);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            throw failure(method, uri, status, response.body());
        }
        try {
            return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        } catch (JsonProcessingException e) {
            throw new RegistryException(status, status, "Schema registry " + method + " " + uri
                    + " answered HTTP " + status + " with a body that is not JSON: " + abbreviate(response.body()), e);
        }
    }

    private static RegistryException failure(String method, URI uri, int status, String body) {
        int code = status;
        String message = abbreviate(body);
        try {
            JsonNode error = JSON.readTree(body);
            if (error != null && error.path("error_code").isInt()) {
                code = error.get("error_code").intValue();
                message = error.path("message").asText("");
            }
        } catch (JsonProcessingException e) {
            // Proxies and load balancers answer with HTML or plain text; the raw body is the best message.
        }
        return new RegistryException(status, code, "Schema registry " + method + " " + uri
                + " answered HTTP " + status + " (error " + code + "): " + message);
    }

    private RegistryException malformed(String path, String problem, JsonNode answer) {
        return new RegistryException(200, 200, "Schema registry " + baseUrl + path + " answered with "
                + problem + ": " + abbreviate(answer.toString()));
    }

    private int requiredInt(JsonNode answer, String field, String path) {
        JsonNode value = answer.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()) {
            throw malformed(path, "no integer " + field, answer);
        }
        return value.intValue();
    }

    private JsonNode requiredArray(JsonNode answer, String path) {
        if (!answer.isArray()) {
            throw malformed(path, "something other than a JSON array", answer);
        }
        return answer;
    }

    private static String schemaBody(String schemaText) {
        return JSON.createObjectNode().put("schema", schemaText).toString();
    }

    private static String segment(String subject) {
        Objects.requireNonNull(subject, "subject");
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.strip();
        return flat.length() <= MAX_BODY_IN_MESSAGE ? flat : flat.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
}
