package io.rollstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Message;
import io.rollstream.schemas.avro.Role;
import io.rollstream.schemas.registry.InMemorySchemaRegistryClient;
import io.rollstream.schemas.topics.Topic;
import io.rollstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class CatalogSerdesTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final CatalogSerdes serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());

    @Test
    void shouldWriteAvroValuesUnderTheTopicsValueSubject() {
        Serde<GradedAttempt> serde = serdes.valueSerde(Topics.GRADED);
        GradedAttempt graded = SampleRecords.gradedAttempt();

        byte[] bytes = serde.serializer().serialize(Topics.GRADED.name(), graded);

        assertEquals(List.of(Topics.GRADED.valueSubject()), registry.subjects());
        assertEquals(graded, serde.deserializer().deserialize(Topics.GRADED.name(), bytes));
    }

    @Test
    void shouldWriteStringKeysAsPlainUtf8() {
        Serde<String> keys = serdes.keySerde(Topics.ATTEMPTS);

        assertArrayEquals("ep-é".getBytes(StandardCharsets.UTF_8), keys.serializer().serialize("t", "ep-é"));
        assertTrue(registry.subjects().isEmpty());
    }

    @Test
    void shouldPassDeadLetterBytesThroughUnchanged() {
        byte[] raw = {1, 2, 3};

        assertArrayEquals(raw, serdes.valueSerde(Topics.DEAD_LETTERS).serializer().serialize("t", raw));
        assertArrayEquals(raw, serdes.keySerde(Topics.DEAD_LETTERS).deserializer().deserialize("t", raw));
    }

    @Test
    void shouldWriteAvroKeysUnderTheTopicsKeySubject() {
        Topic<Message, String> keyedByRecord = new Topic<>("messages-test", Message.class, String.class, 1, Map.of());
        Serde<Message> keys = serdes.keySerde(keyedByRecord);
        Message key = SampleRecords.message(Role.USER, "hi");

        byte[] bytes = keys.serializer().serialize(keyedByRecord.name(), key);

        assertEquals(List.of(keyedByRecord.keySubject()), registry.subjects());
        assertEquals(key, keys.deserializer().deserialize(keyedByRecord.name(), bytes));
    }

    @Test
    void shouldHaveASerdeForEveryCatalogTopic() {
        for (Topic<?, ?> topic : Topics.allWithInternal()) {
            serdes.keySerde(topic);
            serdes.valueSerde(topic);
        }
    }

    @Test
    void shouldRefuseTypesItCannotCarryNamingTheTopic() {
        Topic<Long, String> longKeys = new Topic<>("longs-test", Long.class, String.class, 1, Map.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> serdes.keySerde(longKeys));

        assertTrue(e.getMessage().contains("longs-test") && e.getMessage().contains("java.lang.Long"), e.getMessage());
    }
}
