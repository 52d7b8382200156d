package io.rollstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class PayloadBoundsTest {

    private static final Schema STRINGS = Schema.createArray(Schema.create(Schema.Type.STRING));

    @Test
    void shouldAcceptEveryWellFormedRecordOfTheCatalog() throws IOException {
        for (SpecificRecord record : SampleRecords.all()) {
            byte[] payload = encode(record);
            assertDoesNotThrow(() -> PayloadBounds.check(record.getSchema(), payload, 0), record.getSchema().getName());
        }
    }

    @Test
    void shouldRefuseAnItemCountLargerThanTheBytesThatFollow() throws IOException {
        byte[] payload = concat(varint(100_000_000), new byte[] {0x02, 0x61, 0x00});

        AvroRuntimeException e = assertThrows(AvroRuntimeException.class, () -> PayloadBounds.check(STRINGS, payload, 0));

        assertTrue(e.getMessage().contains("100000000 items"), e.getMessage());
    }

    @Test
    void shouldRefuseAStringLongerThanTheBytesThatFollow() throws IOException {
        byte[] payload = concat(new byte[] {0x02}, varint(100_000_000), new byte[] {0x61, 0x00});

        AvroRuntimeException e = assertThrows(AvroRuntimeException.class, () -> PayloadBounds.check(STRINGS, payload, 0));

        assertTrue(e.getMessage().contains("string of 100000000 bytes"), e.getMessage());
    }

    @Test
    void shouldRefuseAUnionBranchTheSchemaDoesNotHave() {
        Schema optional = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.INT));

        assertThrows(AvroRuntimeException.class, () -> PayloadBounds.check(optional, new byte[] {0x06, 0x02}, 0));
    }

    @Test
    void shouldReportAPayloadThatEndsEarly() {
        assertThrows(EOFException.class, () -> PayloadBounds.check(Schema.create(Schema.Type.LONG), new byte[] {(byte) 0x80}, 0));
    }

    private static byte[] varint(long value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        encoder.writeLong(value);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] encode(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
