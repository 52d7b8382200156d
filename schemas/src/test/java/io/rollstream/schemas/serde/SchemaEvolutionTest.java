package io.rollstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.registry.InMemorySchemaRegistryClient;
import io.rollstream.schemas.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

    private static final Schema V1 = new Schema.Parser().parse("""
            {"type":"record","name":"Score","namespace":"test","fields":[
              {"name":"id","type":"string"},
              {"name":"score","type":"int"}]}""");

    private static final Schema V2 = new Schema.Parser().parse("""
            {"type":"record","name":"Score","namespace":"test","fields":[
              {"name":"id","type":"string"},
              {"name":"score","type":"int"},
              {"name":"note","type":"string","default":"none"}]}""");

    private static final Schema V2_WITHOUT_DEFAULT = new Schema.Parser().parse("""
            {"type":"record","name":"Score","namespace":"test","fields":[
              {"name":"id","type":"string"},
              {"name":"score","type":"int"},
              {"name":"note","type":"string"}]}""");

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final ConfluentAvroSerializer<GenericRecord> registering =
            new ConfluentAvroSerializer<>(registry, SerdeOptions.defaults());

    private static GenericRecord v1(String id, int score) {
        GenericRecord r = new GenericData.Record(V1);
        r.put("id", id);
        r.put("score", score);
        return r;
    }

    private static GenericRecord v2(String id, int score, String note) {
        GenericRecord r = new GenericData.Record(V2);
        r.put("id", id);
        r.put("score", score);
        r.put("note", note);
        return r;
    }

    @Test
    void shouldLetAnOldReaderReadNewDataWithAnAddedDefaultedField() {
        registering.serialize("scores", v1("a", 1));
        byte[] newData = registering.serialize("scores", v2("b", 2, "new field"));

        GenericRecord read = new ConfluentAvroDeserializer<GenericRecord>(registry, V1).deserialize("scores", newData);

        assertEquals(V1, read.getSchema());
        assertEquals("b", read.get("id").toString());
        assertEquals(2, read.get("score"));
        assertNull(read.getSchema().getField("note"));
    }

    @Test
    void shouldLetANewReaderReadOldDataFillingTheDefault() {
        byte[] oldData = registering.serialize("scores", v1("a", 7));
        registering.serialize("scores", v2("b", 2, "x"));

        GenericRecord read = new ConfluentAvroDeserializer<GenericRecord>(registry, V2).deserialize("scores", oldData);

        assertEquals("a", read.get("id").toString());
        assertEquals(7, read.get("score"));
        assertEquals("none", read.get("note").toString());
    }

    @Test
    void shouldGiveACompatibleNewVersionANewIdAndVersion() {
        int id1 = ConfluentWireFormat.schemaId("scores", registering.serialize("scores", v1("a", 1)));
        int id2 = ConfluentWireFormat.schemaId("scores", registering.serialize("scores", v2("a", 1, "n")));

        assertNotEquals(id1, id2);
        assertEquals(List.of(1, 2), registry.versions("scores-value"));
        assertEquals(id2, registry.latest("scores-value").id());
    }

    @Test
    void shouldRefuseToRegisterAnIncompatibleVersionNamingTheField() {
        registering.serialize("scores", v1("a", 1));
        GenericRecord incompatible = new GenericData.Record(V2_WITHOUT_DEFAULT);
        incompatible.put("id", "a");
        incompatible.put("score", 1);
        incompatible.put("note", "n");

        SerializationException e = assertThrows(SerializationException.class,
                () -> registering.serialize("scores", incompatible));

        RegistryException cause = assertInstanceOf(RegistryException.class, e.getCause());
        assertEquals(409, cause.httpStatus());
        assertEquals(RegistryException.INCOMPATIBLE_SCHEMA, cause.errorCode());
        assertTrue(e.getMessage().contains("scores-value") && e.getMessage().contains("note"), e.getMessage());
        assertEquals(List.of(1), registry.versions("scores-value"));
    }

    @Test
    void shouldReadNewerDataIntoAGeneratedClass() {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : Question.getClassSchema().getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field("difficulty", Schema.create(Schema.Type.INT), "added later", 3));
        Schema questionV2 = Schema.createRecord(Question.getClassSchema().getName(), null,
                Question.getClassSchema().getNamespace(), false, fields);
        Question question = SampleRecords.question();
        GenericRecord newer = new GenericData.Record(questionV2);
        for (Schema.Field f : Question.getClassSchema().getFields()) {
            newer.put(f.name(), question.get(f.pos()));
        }
        newer.put("createdAt", question.getCreatedAt().toEpochMilli());
        newer.put("difficulty", 5);

        byte[] bytes = registering.serialize("questions", newer);
        Question read = new ConfluentAvroDeserializer<>(registry, Question.class).deserialize("questions", bytes);

        assertEquals(question, read);
    }

    @Test
    void shouldWriteWithTheLatestVersionWhenAskedToUseIt() {
        registry.register("scores-value", V1);
        int latestId = registry.register("scores-value", V2);
        ConfluentAvroSerializer<GenericRecord> useLatest =
                new ConfluentAvroSerializer<>(registry, new SerdeOptions(false, true));

        byte[] bytes = useLatest.serialize("scores", v1("old-writer", 3));

        assertEquals(latestId, ConfluentWireFormat.schemaId("scores", bytes));
        GenericRecord read = new ConfluentAvroDeserializer<GenericRecord>(registry).deserialize("scores", bytes);
        assertEquals(V2, read.getSchema());
        assertEquals("old-writer", read.get("id").toString());
        assertEquals(3, read.get("score"));
        assertEquals("none", read.get("note").toString());
    }

    @Test
    void shouldRefuseToUseALatestVersionThatCannotRepresentTheRecord() {
        registry.setCompatibility("scores-value", "NONE");
        registry.register("scores-value", V2_WITHOUT_DEFAULT);
        ConfluentAvroSerializer<GenericRecord> useLatest =
                new ConfluentAvroSerializer<>(registry, new SerdeOptions(false, true));

        SerializationException e = assertThrows(SerializationException.class,
                () -> useLatest.serialize("scores", v1("a", 1)));

        assertTrue(e.getMessage().contains("scores") && e.getMessage().contains("note"), e.getMessage());
    }

    @Test
    void shouldRefuseAReaderSchemaThatCannotReadTheWriterNamingTheTopic() {
        byte[] oldData = registering.serialize("scores", v1("a", 1));

        SerializationException e = assertThrows(SerializationException.class,
                () -> new ConfluentAvroDeserializer<GenericRecord>(registry, V2_WITHOUT_DEFAULT).deserialize("scores", oldData));

        assertTrue(e.getMessage().contains("'scores'") && e.getMessage().contains("note"), e.getMessage());
    }
}
