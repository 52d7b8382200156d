package io.rollstream.schemas.serde;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Walks an Avro binary payload along its writer schema, allocating nothing, and refuses it when a length or an
 * item count claims more than the bytes that follow. Avro's readers allocate a string, a byte array or a
 * collection at the size the payload claims before reading it, so without this walk a record of a hundred bytes
 * can demand gigabytes of heap. Every item of a collection is taken to need at least one byte, which holds for
 * every schema of the catalog (no collection of nulls or of empty records).
 */
final class PayloadBounds {

    /** Deeper nesting only comes from a recursive writer schema, and would overflow the reader's stack. */
    static final int MAX_NESTING = 256;

    private final ByteArrayInputStream in;
    private final Decoder decoder;

    private PayloadBounds(byte[] data, int offset) {
        this.in = new ByteArrayInputStream(data, offset, data.length - offset);
        this.decoder = DecoderFactory.get().directBinaryDecoder(in, null);
    }

    /**
     * Checks the payload starting at {@code offset}.
     *
     * @throws AvroRuntimeException when a length, count, union branch or enum symbol is out of range
     * @throws IOException when the payload ends early
     */
    static void check(Schema writer, byte[] data, int offset) throws IOException {
        new PayloadBounds(data, offset).value(writer, 0);
    }

    private void value(Schema schema, int depth) throws IOException {
        if (depth > MAX_NESTING) {
            throw refused("the payload nests deeper than " + MAX_NESTING + " levels");
        }
        switch (schema.getType()) {
            case NULL -> decoder.readNull();
            case BOOLEAN -> decoder.readBoolean();
            case INT -> decoder.readInt();
            case LONG -> decoder.readLong();
            case FLOAT -> decoder.readFloat();
            case DOUBLE -> decoder.readDouble();
            case STRING, BYTES -> skipBytes(decoder.readLong(), schema);
            case FIXED -> decoder.skipFixed(schema.getFixedSize());
            case ENUM -> index(decoder.readEnum(), schema.getEnumSymbols().size(), schema);
            case UNION -> {
                int branch = index(decoder.readIndex(), schema.getTypes().size(), schema);
                value(schema.getTypes().get(branch), depth + 1);
            }
            case RECORD -> {
                for (Schema.Field field : schema.getFields()) {
                    value(field.schema(), depth + 1);
                }
            }
            case ARRAY -> {
                for (long n = decoder.readArrayStart(); n != 0; n = decoder.arrayNext()) {
                    items(n, schema);
                    for (long i = 0; i < n; i++) {
                        value(schema.getElementType(), depth + 1);
                    }
                }
            }
            case MAP -> {
                for (long n = decoder.readMapStart(); n != 0; n = decoder.mapNext()) {
                    items(n, schema);
                    for (long i = 0; i < n; i++) {
                        skipBytes(decoder.readLong(), schema);
                        value(schema.getValueType(), depth + 1);
                    }
                }
            }
            default -> throw refused("unknown Avro type " + schema.getType());
        }
    }

    private void skipBytes(long length, Schema schema) throws IOException {
        if (length < 0 || length > in.available()) {
            throw refused(String.format(Locale.ROOT, "a %s of %d bytes is claimed in %s with only %d bytes left",
                    schema.getType().getName(), length, schema.getFullName(), in.available()));
        }
        decoder.skipFixed((int) length);
    }

    private void items(long count, Schema schema) {
        if (count < 0 || count > in.available()) {
            throw refused(String.format(Locale.ROOT, "a block of %d items is claimed in %s with only %d bytes left",
                    count, schema.getFullName(), in.available()));
        }
    }

    private static int index(int index, int size, Schema schema) {
        if (index < 0 || index >= size) {
            throw refused("index " + index + " is outside the " + size + " choices of " + schema.getFullName());
        }
        return index;
    }

    private static AvroRuntimeException refused(String why) {
        return new AvroRuntimeException("malformed payload: " + why);
    }
}
