package io.rollstream.infra.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON bodies clients send to the registry: one object whose fields are read as text. */
final class RequestBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestBody() {
    }

    /**
     * Reads a request body as one JSON object.
     *
     * @throws RegistryError 400 when the body is not JSON or not an object
     */
    static JsonNode object(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw RegistryError.badRequest("the request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw RegistryError.badRequest("the request body is not JSON: " + e.getOriginalMessage());
        }
    }

    /** The field as text; null when it is absent or JSON null. */
    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
