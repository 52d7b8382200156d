package io.rollstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.registry.InMemorySchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

    private static final Schema TINY = new Schema.Parser().parse("""
            {"type":"record","name":"Tiny","namespace":"test","fields":[
              {"name":"name","type":"string"},
              {"name":"n","type":"int"},
              {"name":"maybe","type":["null","long"],"default":null}]}""");

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    /** Registers unrelated schemas so the next id is {@code count + 1} and spans two bytes of the header. */
    private void burnIds(int count) {
        for (int i = 0; i < count; i++) {
            registry.register("filler-" + i, SchemaBuilder.record("Filler" + i).fields().requiredInt("f").endRecord());
        }
    }

    @Test
    void shouldWriteMagicByteBigEndianIdAndAvroBinaryByteForByte() {
        burnIds(299);
        GenericRecord tiny = new GenericData.Record(TINY);
        tiny.put("name", "ab");
        tiny.put("n", 3);
        tiny.put("maybe", -2L);

        byte[] bytes = new ConfluentAvroSerializer<GenericRecord>(registry, SerdeOptions.defaults()).serialize("tiny", tiny);

        // Worked by hand: id 300 = 0x0000012C; "ab" = zigzag length 2 -> 0x04, 'a', 'b'; int 3 -> zigzag 0x06;
        // union branch 1 -> 0x02; long -2 -> zigzag 3 -> 0x03.
        byte[] expected = {0x00, 0x00, 0x00, 0x01, 0x2C, 0x04, 0x61, 0x62, 0x06, 0x02, 0x03};
        assertArrayEquals(expected, bytes);
        assertEquals(300, registry.lookupId("tiny-value", TINY));
    }

    @Test
    void shouldMatchAnIndependentGenericEncodingOfAGeneratedRecord() throws IOException {
        burnIds(5);
        Question question = SampleRecords.question();
        byte[] bytes = new ConfluentAvroSerializer<Question>(registry, SerdeOptions.defaults()).serialize("q", question);

        GenericRecord generic = new GenericData.Record(Question.getClassSchema());
        generic.put("questionId", question.getQuestionId());
        generic.put("problem", question.getProblem());
        generic.put("answer", question.getAnswer());
        generic.put("dataset", question.getDataset());
        generic.put("split", question.getSplit());
        generic.put("solution", question.getSolution());
        generic.put("createdAt", question.getCreatedAt().toEpochMilli());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(new byte[] {0, 0, 0, 0, 6});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
        new GenericDatumWriter<GenericRecord>(Question.getClassSchema()).write(generic, encoder);
        encoder.flush();

        byte[] want = expected.toByteArray();
        assertEquals(want.length, bytes.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], bytes[i], "byte " + i);
        }
    }

    @Test
    void shouldReadTheSchemaIdOfAFramedRecord() {
        assertEquals(0x01020304, ConfluentWireFormat.schemaId("t", new byte[] {0, 1, 2, 3, 4, 99}));
        byte[] header = new byte[ConfluentWireFormat.HEADER_SIZE];
        ConfluentWireFormat.writeHeader(header, 0x7F00FF01);
        assertArrayEquals(new byte[] {0, 0x7F, 0x00, (byte) 0xFF, 0x01}, header);
    }

    @Test
    void shouldRefuseRecordsShorterThanTheHeader() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> ConfluentWireFormat.schemaId("rl-attempts-v1", new byte[] {0, 0, 1}));
        assertTrue(e.getMessage().contains("rl-attempts-v1") && e.getMessage().contains("3 bytes"), e.getMessage());
    }
}
