package io.rollstream.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rollstream.schemas.registry.InMemorySchemaRegistryClient;
import io.rollstream.schemas.registry.RegisteredSchema;
import io.rollstream.schemas.registry.RegistryException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * The few registry endpoints the serde calls, served over HTTP from an in-memory registry, so a serde
 * configured from Kafka properties can be exercised without an external registry.
 */
final class InMemoryRegistryServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern LATEST = Pattern.compile("/subjects/([^/]+)/versions/latest");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final HttpServer server;

    InMemoryRegistryServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    InMemorySchemaRegistryClient registry() {
        return registry;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        try {
            Matcher m;
            if (method.equals("POST") && (m = REGISTER.matcher(path)).matches()) {
                int id = registry.register(subject(m), schemaOf(exchange));
                reply(exchange, 200, JSON.createObjectNode().put("id", id));
            } else if (method.equals("GET") && (m = LATEST.matcher(path)).matches()) {
                RegisteredSchema latest = registry.latest(subject(m));
                reply(exchange, 200, JSON.createObjectNode().put("subject", latest.subject())
                        .put("version", latest.version()).put("id", latest.id())
                        .put("schema", latest.schema().toString()));
            } else if (method.equals("GET") && (m = BY_ID.matcher(path)).matches()) {
                Schema schema = registry.schemaById(Integer.parseInt(m.group(1)));
                reply(exchange, 200, JSON.createObjectNode().put("schema", schema.toString()));
            } else {
                reply(exchange, 404, JSON.createObjectNode().put("error_code", 404).put("message", "no route " + path));
            }
        } catch (RegistryException e) {
            reply(exchange, e.httpStatus(),
                    JSON.createObjectNode().put("error_code", e.errorCode()).put("message", e.getMessage()));
        }
    }

    private static String subject(Matcher m) {
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static Schema schemaOf(HttpExchange exchange) throws IOException {
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        return new Schema.Parser().parse(body.get("schema").asText());
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
