package io.rollstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.registry.InMemorySchemaRegistryClient;
import io.rollstream.schemas.registry.RegistryException;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfluentAvroSerdeTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    static Stream<Named<SpecificRecord>> everyRecordType() {
        return SampleRecords.all().stream().map(r -> Named.of(r.getClass().getSimpleName(), r));
    }

    @ParameterizedTest
    @MethodSource("everyRecordType")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void shouldRoundTripEveryFullyPopulatedRecordType(SpecificRecord record) {
        for (Schema.Field field : record.getSchema().getFields()) {
            assertNotNull(record.get(field.pos()), "fixture leaves " + field.name() + " unset");
        }
        String topic = "round-trip-" + record.getSchema().getName();
        ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>(registry, SerdeOptions.defaults());
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer(registry, record.getClass());

        byte[] bytes = serializer.serialize(topic, record);
        Object back = deserializer.deserialize(topic, new RecordHeaders(), bytes);

        assertEquals(record, back);
        assertEquals(record.getClass(), back.getClass());
        assertEquals(List.of(topic + "-value"), registry.subjects());
    }

    @Test
    void shouldReadGeneratedRecordsAsGenericRecordsInTheWriterSchema() {
        Question question = SampleRecords.question();
        byte[] bytes = new ConfluentAvroSerializer<Question>(registry, SerdeOptions.defaults()).serialize("t", question);

        GenericRecord generic = new ConfluentAvroDeserializer<GenericRecord>(registry).deserialize("t", bytes);

        assertEquals(question.getProblem(), generic.get("problem").toString());
        assertEquals(question.getCreatedAt().toEpochMilli(), generic.get("createdAt"));
        assertEquals(question.getSolution(), generic.get("solution").toString());
    }

    @Test
    void shouldRoundTripGenericRecords() {
        Schema schema = new Schema.Parser().parse("""
                {"type":"record","name":"Point","namespace":"test","fields":[
                  {"name":"x","type":"int"},{"name":"label","type":["null","string"],"default":null}]}""");
        GenericRecord point = new GenericData.Record(schema);
        point.put("x", -3);
        point.put("label", "origin-ish");

        byte[] bytes = new ConfluentAvroSerializer<GenericRecord>(registry, SerdeOptions.defaults()).serialize("points", point);
        GenericRecord back = new ConfluentAvroDeserializer<GenericRecord>(registry).deserialize("points", bytes);

        assertEquals(-3, back.get("x"));
        assertEquals("origin-ish", back.get("label").toString());
    }

    @Test
    void shouldWriteNullAsTombstoneAndReadTombstoneAsNull() {
        ConfluentAvroSerializer<Question> serializer = new ConfluentAvroSerializer<>(registry, SerdeOptions.defaults());
        ConfluentAvroDeserializer<Question> deserializer = new ConfluentAvroDeserializer<>(registry, Question.class);

        assertNull(serializer.serialize("questions", null));
        assertNull(deserializer.deserialize("questions", null));
        assertNull(deserializer.deserialize("questions", new RecordHeaders(), (byte[]) null));
        assertTrue(registry.subjects().isEmpty(), "a tombstone registers nothing");
    }

    @Test
    void shouldReuseTheSameIdForTheSameSchema() {
        ConfluentAvroSerializer<Question> first = new ConfluentAvroSerializer<>(registry, SerdeOptions.defaults());
        ConfluentAvroSerializer<Question> second = new ConfluentAvroSerializer<>(registry, SerdeOptions.defaults());

        int a = ConfluentWireFormat.schemaId("q", first.serialize("q", SampleRecords.question()));
        int b = ConfluentWireFormat.schemaId("q", second.serialize("q", SampleRecords.question()));
        int otherTopic = ConfluentWireFormat.schemaId("q2", second.serialize("q2", SampleRecords.question()));

        assertEquals(a, b);
        assertEquals(a, otherTopic, "ids are global: the same schema under another subject keeps its id");
        assertEquals(List.of(1), registry.versions("q-value"));
    }

    @Test
    void shouldRegisterKeysUnderTheKeySubject() {
        ConfluentAvroSerializer<Question> keys = new ConfluentAvroSerializer<>(registry, SerdeOptions.defaults(), true);

        keys.serialize("questions", SampleRecords.question());

        assertEquals(List.of("questions-key"), registry.subjects());
    }

    @Test
    void shouldLookUpInsteadOfRegisteringWhenAutoRegisterIsOff() {
        ConfluentAvroSerializer<Question> lookupOnly = new ConfluentAvroSerializer<>(registry, new SerdeOptions(false, false));

        SerializationException missing = assertThrows(SerializationException.class,
                () -> lookupOnly.serialize("questions", SampleRecords.question()));
        assertTrue(missing.getMessage().contains("questions-value"), missing.getMessage());
        assertInstanceOf(RegistryException.class, missing.getCause());

        int id = registry.register("questions-value", Question.getClassSchema());
        byte[] bytes = lookupOnly.serialize("questions", SampleRecords.question());
        assertEquals(id, ConfluentWireFormat.schemaId("questions", bytes));
    }

    @Test
    void shouldRefuseObjectsThatAreNotAvroRecords() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        ConfluentAvroSerializer<Object> serializer = new ConfluentAvroSerializer(registry, SerdeOptions.defaults());

        SerializationException e = assertThrows(SerializationException.class, () -> serializer.serialize("t", 42));

        assertTrue(e.getMessage().contains("java.lang.Integer") && e.getMessage().contains("'t'"), e.getMessage());
    }

    @Test
    void shouldRejectAutoRegisterTogetherWithUseLatest() {
        assertThrows(IllegalArgumentException.class, () -> new SerdeOptions(true, true));
        assertNotEquals(SerdeOptions.defaults(), new SerdeOptions(false, true));
    }

    @Test
    void shouldProduceIdenticalBytesForEqualRecords() {
        ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>(registry, SerdeOptions.defaults());

        assertArrayEquals(serializer.serialize("t", SampleRecords.trajectory()),
                serializer.serialize("t", SampleRecords.trajectory()));
    }
}
