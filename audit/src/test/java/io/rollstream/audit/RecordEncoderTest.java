package io.rollstream.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class RecordEncoderTest {

    private static final RecordRef REF = new RecordRef(Topics.QUESTIONS.name(), 2, 41,
            Instant.parse("2026-01-01T00:00:00Z"));

    private static GenericRecord question() {
        GenericRecord r = new GenericData.Record(Question.getClassSchema());
        r.put("questionId", "q1");
        r.put("problem", "Add 2, 3 and \"4\"\nthen stop");
        r.put("answer", "9");
        r.put("dataset", "synthetic");
        r.put("split", "train");
        r.put("solution", null);
        r.put("createdAt", 1767225600000L);
        return r;
    }

    @Test
    void shouldWriteCsvWithRecordColumnsThenTopLevelFieldsQuotedPerRfc4180() {
        RecordEncoder encoder = new RecordEncoder(Question.getClassSchema());

        assertEquals("topic,partition,offset,timestamp,key,questionId,problem,answer,dataset,split,solution,createdAt",
                RecordEncoder.csvLine(encoder.csvHeader()));
        assertEquals("rl-questions-v1,2,41,2026-01-01T00:00:00Z,q1,q1,\"Add 2, 3 and \"\"4\"\"\nthen stop\",9,"
                + "synthetic,train,,2026-01-01T00:00:00Z", RecordEncoder.csvLine(encoder.csvRow(REF, "q1", question())));
    }

    @Test
    void shouldWriteJsonLinesWithTheValueInAvroJsonEncoding() throws Exception {
        RecordEncoder encoder = new RecordEncoder(Question.getClassSchema());
        RecordHeaders headers = new RecordHeaders();
        headers.add("rollstream.episode", "ep-1".getBytes(StandardCharsets.UTF_8));

        String line = encoder.jsonLine(REF, "q1", question(), headers);

        assertEquals(-1, line.indexOf('\n'), line);
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals(41, json.get("offset").asLong());
        assertEquals("ep-1", json.get("headers").get("rollstream.episode").asText());
        assertEquals("9", json.get("value").get("answer").asText());
        assertTrue(json.get("value").get("solution").isNull());
        assertEquals(1767225600000L, json.get("value").get("createdAt").asLong());
        assertEquals(List.of("topic", "partition", "offset", "timestamp", "key", "headers", "value"),
                fieldNames(json));
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
