package io.rollstream.infra.registry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.rollstream.infra.registry.StoreRecord.SchemaProposal;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.topics.Topics;

/**
 * Whatever body a client posts to the registry's lookup and compatibility routes, the answer is a Confluent
 * client error (a {@link RegistryError} with a 4xx status) or a result; any other throwable would be a 500 or a
 * dropped connection. Registration runs the same parsing and compatibility checks before it writes, so these
 * two routes cover what a hostile body can reach without a broker.
 */
class RegistryRequestFuzzTest {

    private static final String GRADED = Topics.GRADED.valueSubject();
    private static final String QUESTIONS = Topics.QUESTIONS.valueSubject();

    private final SchemaRegistryService service;

    RegistryRequestFuzzTest() {
        RegistryState state = new RegistryState();
        state.apply(new SchemaProposal("graded", GRADED, 1, GradedAttempt.getClassSchema().toString()));
        state.apply(new SchemaProposal("questions", QUESTIONS, 1, Question.getClassSchema().toString()));
        // The two routes read the state only; a write would need the Kafka-backed log, which is not here.
        service = new SchemaRegistryService(state, null);
    }

    @DictionaryEntries({"{\"schema\":\"", "\"schemaType\":\"AVRO\"", "\\\"type\\\":\\\"record\\\"",
        "\\\"name\\\":", "\\\"fields\\\":[", "\\\"type\\\":\\\"array\\\"", "\\\"items\\\":", "\\\"default\\\":",
        "\\\"type\\\":[\\\"null\\\",", "\\\"logicalType\\\":", "\\\"symbols\\\":[", "\\\"namespace\\\":", "}", "]"})
    @FuzzTest(maxDuration = "60s")
    void shouldAnswerAnyBodyWithAResultOrAClientError(FuzzedDataProvider data) {
        int route = data.consumeInt(0, 3);
        String body = data.consumeRemainingAsString();
        try {
            JsonNode json = RequestBody.object(body);
            String schema = RequestBody.text(json, "schema");
            String type = RequestBody.text(json, "schemaType");
            switch (route) {
                case 0 -> service.lookup(GRADED, schema, type);
                case 1 -> service.checkCompatibility(GRADED, "latest", schema, type);
                case 2 -> service.checkCompatibility(QUESTIONS, "1", schema, type);
                default -> service.lookup("unknown-subject", schema, type);
            }
        } catch (RegistryError e) {
            assertTrue(e.status() >= 400 && e.status() < 500, () -> e.status() + " " + e.getMessage());
        }
    }
}
