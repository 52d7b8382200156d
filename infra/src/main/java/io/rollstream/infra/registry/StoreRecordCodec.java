package io.rollstream.infra.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollstream.infra.registry.StoreRecord.ConfigChange;
import io.rollstream.infra.registry.StoreRecord.SchemaProposal;
import io.rollstream.schemas.registry.CompatibilityLevel;
import java.util.Optional;

/**
 * JSON keys and values of the {@code _schemas} topic. Keys are written field by field in a fixed order, because
 * compaction compares key bytes: equal keys must be byte-for-byte equal.
 */
final class StoreRecordCodec {

    static final String SCHEMA_KEYTYPE = "SCHEMA";
    static final String CONFIG_KEYTYPE = "CONFIG";
    static final String SCHEMA_TYPE_AVRO = "AVRO";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Key and value text of one record. */
    record Encoded(String key, String value) {
    }

    private StoreRecordCodec() {
    }

    static Encoded encode(StoreRecord record) {
        if (record instanceof SchemaProposal proposal) {
            ObjectNode key = JSON.createObjectNode()
                    .put("keytype", SCHEMA_KEYTYPE)
                    .put("subject", proposal.subject())
                    .put("version", proposal.version())
                    .put("proposal", proposal.proposalId());
            ObjectNode value = JSON.createObjectNode()
                    .put("subject", proposal.subject())
                    .put("version", proposal.version())
                    .put("schemaType", SCHEMA_TYPE_AVRO)
                    .put("schema", proposal.schema());
            return new Encoded(key.toString(), value.toString());
        }
        if (record instanceof ConfigChange change) {
            ObjectNode key = JSON.createObjectNode().put("keytype", CONFIG_KEYTYPE);
            change.subject().ifPresent(subject -> key.put("subject", subject));
            ObjectNode value = JSON.createObjectNode().put("compatibilityLevel", change.level().name());
            return new Encoded(key.toString(), value.toString());
        }
        throw new IllegalArgumentException("unknown store record " + record);
    }

    /**
     * Reads one record back.
     *
     * @return empty for key types this version does not know and for tombstones, which it skips
     * @throws IllegalArgumentException when the record is not valid JSON of the expected shape
     */
    static Optional<StoreRecord> decode(String keyText, String valueText) {
        JsonNode key = parse(keyText, "key");
        String keytype = key.path("keytype").asText("");
        if (valueText == null) {
            return Optional.empty();
        }
        JsonNode value = parse(valueText, "value");
        if (SCHEMA_KEYTYPE.equals(keytype)) {
            String schemaType = value.path("schemaType").asText(SCHEMA_TYPE_AVRO);
            if (!SCHEMA_TYPE_AVRO.equals(schemaType)) {
                return Optional.empty();
            }
            return Optional.of(new SchemaProposal(required(key, "proposal"), required(value, "subject"),
                    value.path("version").asInt(0), required(value, "schema")));
        }
        if (CONFIG_KEYTYPE.equals(keytype)) {
            Optional<String> subject = key.hasNonNull("subject") ? Optional.of(key.get("subject").asText())
                    : Optional.empty();
            return Optional.of(new ConfigChange(subject,
                    CompatibilityLevel.parse(required(value, "compatibilityLevel"))));
        }
        return Optional.empty();
    }

    private static JsonNode parse(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException("record has no " + what);
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("record " + what + " is not a JSON object: " + text);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("record " + what + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String required(JsonNode node, String field) {
        JsonNode child = node.get(field);
        if (child == null || !child.isTextual()) {
            throw new IllegalArgumentException("record has no text field '" + field + "': " + node);
        }
        return child.asText();
    }
}
