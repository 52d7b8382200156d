package io.rollstream.infra.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Confluent's REST paths and JSON bodies mapped onto {@link SchemaRegistryService}. */
final class RegistryRoutes {

    /** Confluent's media type; clients also send {@code application/json} or octet-stream, all read alike. */
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger LOG = LoggerFactory.getLogger(RegistryRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryService service;

    private RegistryRoutes(SchemaRegistryService service) {
        this.service = service;
    }

    static void install(Javalin app, SchemaRegistryService service) {
        RegistryRoutes routes = new RegistryRoutes(service);
        app.get("/", ctx -> respond(ctx, JSON.createObjectNode()));
        app.get("/subjects", ctx -> respond(ctx, JSON.valueToTree(service.subjects())));
        app.post("/subjects/{subject}/versions", routes::register);
        app.post("/subjects/{subject}", routes::lookup);
        app.get("/subjects/{subject}/versions", ctx -> respond(ctx,
                JSON.valueToTree(service.versions(ctx.pathParam("subject")))));
        app.get("/subjects/{subject}/versions/{version}", ctx -> respond(ctx,
                registration(service.version(ctx.pathParam("subject"), ctx.pathParam("version")))));
        app.get("/subjects/{subject}/versions/{version}/schema", ctx -> respondRaw(ctx,
                service.version(ctx.pathParam("subject"), ctx.pathParam("version")).schema()));
        app.get("/schemas/ids/{id}", ctx -> respond(ctx,
                JSON.createObjectNode().put("schema", service.schemaById(ctx.pathParam("id")))));
        app.post("/compatibility/subjects/{subject}/versions/{version}", routes::compatibility);
        app.get("/config", ctx -> respond(ctx, level(service.globalLevel().name())));
        app.put("/config", ctx -> respond(ctx, JSON.createObjectNode().put("compatibility",
                service.setLevel(Optional.empty(), compatibilityField(ctx)).name())));
        app.get("/config/{subject}", ctx -> respond(ctx, level(service.subjectLevel(ctx.pathParam("subject"),
                Boolean.parseBoolean(ctx.queryParam("defaultToGlobal"))).name())));
        app.put("/config/{subject}", ctx -> respond(ctx, JSON.createObjectNode().put("compatibility",
                service.setLevel(Optional.of(ctx.pathParam("subject")), compatibilityField(ctx)).name())));

        app.exception(RegistryError.class, (e, ctx) -> error(ctx, e.status(), e.errorCode(), e.getMessage()));
        app.exception(HttpResponseException.class, (e, ctx) ->
                error(ctx, e.getStatus(), e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("registry request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, 50001, "Error in the backend data store - " + e);
        });
    }

    private void register(Context ctx) {
        JsonNode body = body(ctx);
        int id = service.register(ctx.pathParam("subject"), text(body, "schema"), text(body, "schemaType"));
        respond(ctx, JSON.createObjectNode().put("id", id));
    }

    private void lookup(Context ctx) {
        JsonNode body = body(ctx);
        respond(ctx, registration(service.lookup(ctx.pathParam("subject"), text(body, "schema"),
                text(body, "schemaType"))));
    }

    private void compatibility(Context ctx) {
        JsonNode body = body(ctx);
        SchemaRegistryService.Verdict verdict = service.checkCompatibility(ctx.pathParam("subject"),
                ctx.pathParam("version"), text(body, "schema"), text(body, "schemaType"));
        ObjectNode result = JSON.createObjectNode().put("is_compatible", verdict.compatible());
        ArrayNode messages = result.putArray("messages");
        verdict.messages().forEach(messages::add);
        respond(ctx, result);
    }

    private static ObjectNode registration(Registration registration) {
        return JSON.createObjectNode()
                .put("subject", registration.subject())
                .put("version", registration.version())
                .put("id", registration.id())
                .put("schema", registration.schema());
    }

    private static ObjectNode level(String level) {
        return JSON.createObjectNode().put("compatibilityLevel", level);
    }

    private static String compatibilityField(Context ctx) {
        String level = text(body(ctx), "compatibility");
        if (level == null) {
            throw RegistryError.invalidCompatibilityLevel();
        }
        return level;
    }

    private static JsonNode body(Context ctx) {
        return RequestBody.object(ctx.body());
    }

    private static String text(JsonNode body, String field) {
        return RequestBody.text(body, field);
    }

    private static void respond(Context ctx, JsonNode body) {
        ctx.status(200).contentType(CONTENT_TYPE).result(body.toString());
    }

    private static void respondRaw(Context ctx, String json) {
        ctx.status(200).contentType(CONTENT_TYPE).result(json);
    }

    private static void error(Context ctx, int status, int code, String message) {
        ctx.status(status).contentType(CONTENT_TYPE)
                .result(JSON.createObjectNode().put("error_code", code).put("message", message).toString());
    }
}
