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

    @Test
    void shouldRefuseAVarintLongerThanItsType() {
        byte[] elevenBytes = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
        AvroRuntimeException e = assertThrows(AvroRuntimeException.class,
                () -> PayloadBounds.check(Schema.create(Schema.Type.LONG), elevenBytes, 0));
        assertTrue(e.getMessage().contains("more than 10 bytes"), e.getMessage());
        byte[] sixBytes = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
        assertThrows(AvroRuntimeException.class, () -> PayloadBounds.check(Schema.create(Schema.Type.INT), sixBytes, 0));
    }

    @Test
    void shouldReadABlockWithANegativeCountAndItsByteSize() throws IOException {
        // Two strings "a" and "b" in one block written as count -2 and a size of 4 bytes, then the end block.
        byte[] payload = concat(varint(-2), varint(4), new byte[] {0x02, 0x61, 0x02, 0x62, 0x00});
        assertDoesNotThrow(() -> PayloadBounds.check(STRINGS, payload, 0));
        byte[] tooMany = concat(varint(-100), varint(4), new byte[] {0x02, 0x61, 0x02, 0x62, 0x00});
        AvroRuntimeException e = assertThrows(AvroRuntimeException.class, () -> PayloadBounds.check(STRINGS, tooMany, 0));
        assertTrue(e.getMessage().contains("100 items"), e.getMessage());
    }

    @Test
    void shouldReportFloatsThatEndEarly() throws IOException {
        Schema floats = Schema.createArray(Schema.create(Schema.Type.FLOAT));
        byte[] whole = concat(varint(1), new byte[] {0, 0, (byte) 0x80, 0x3f, 0x00});
        assertDoesNotThrow(() -> PayloadBounds.check(floats, whole, 0));
        byte[] cut = concat(varint(1), new byte[] {0, 0, (byte) 0x80});
        assertThrows(EOFException.class, () -> PayloadBounds.check(floats, cut, 0));
    }

    @Test
    void shouldStartAtTheOffsetAndAcceptAPayloadThatEndsExactly() throws IOException {
        byte[] payload = concat(new byte[] {9, 9, 9}, varint(-3));
        assertDoesNotThrow(() -> PayloadBounds.check(Schema.create(Schema.Type.LONG), payload, 3));
        assertThrows(EOFException.class, () -> PayloadBounds.check(Schema.create(Schema.Type.LONG), payload, 4));
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
