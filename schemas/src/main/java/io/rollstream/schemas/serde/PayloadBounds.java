package io.rollstream.schemas.serde;

import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * Walks an Avro binary payload along its writer schema, allocating nothing, and refuses it when a length or an
 * item count claims more than the bytes that follow. Avro's readers allocate a string, a byte array or a
 * collection at the size the payload claims before reading it, so without this walk a record of a hundred bytes
 * can demand gigabytes of heap. Every item of a collection is taken to need at least one byte, which holds for
 * every schema of the catalog (no collection of nulls or of empty records).
 *
 * <p>It reads the byte array in place, with Avro's binary encoding (zig-zag varints, little-endian floats and
 * doubles, blocks of items with an optional byte size) decoded here: the grader runs it on every record it
 * reads, and a decoder over a stream costs a synchronised call per byte.
 */
final class PayloadBounds {

    /** Deeper nesting only comes from a recursive writer schema, and would overflow the reader's stack. */
    static final int MAX_NESTING = 256;

    private final byte[] data;
    private final int end;
    private int position;

    private PayloadBounds(byte[] data, int offset) {
        this.data = data;
        this.end = data.length;
        this.position = offset;
    }

    /**
     * Checks the payload starting at {@code offset}.
     *
     * @throws AvroRuntimeException when a length, count, union branch or enum symbol is out of range, or a varint
     *                              is longer than its type allows
     * @throws IOException when the payload ends early ({@link EOFException})
     */
    static void check(Schema writer, byte[] data, int offset) throws IOException {
        if (offset < 0 || offset > data.length) {
            throw new EOFException("payload offset " + offset + " is outside its " + data.length + " bytes");
        }
        new PayloadBounds(data, offset).value(writer, 0);
    }

    private void value(Schema schema, int depth) throws IOException {
        if (depth > MAX_NESTING) {
            throw refused("the payload nests deeper than " + MAX_NESTING + " levels");
        }
        switch (schema.getType()) {
            case NULL -> { }
            case BOOLEAN -> skip(1);
            case INT -> readInt();
            case LONG -> readLong();
            case FLOAT -> skip(4);
            case DOUBLE -> skip(8);
            case STRING, BYTES -> skipBytes(readLong(), schema);
            case FIXED -> skip(schema.getFixedSize());
            case ENUM -> index(readInt(), schema.getEnumSymbols().size(), schema);
            case UNION -> {
                int branch = index(readInt(), schema.getTypes().size(), schema);
                value(schema.getTypes().get(branch), depth + 1);
            }
            case RECORD -> {
                for (Schema.Field field : schema.getFields()) {
                    value(field.schema(), depth + 1);
                }
            }
            case ARRAY -> {
                for (long n = blockCount(schema); n != 0; n = blockCount(schema)) {
                    for (long i = 0; i < n; i++) {
                        value(schema.getElementType(), depth + 1);
                    }
                }
            }
            case MAP -> {
                for (long n = blockCount(schema); n != 0; n = blockCount(schema)) {
                    for (long i = 0; i < n; i++) {
                        skipBytes(readLong(), schema);
                        value(schema.getValueType(), depth + 1);
                    }
                }
            }
            default -> throw refused("unknown Avro type " + schema.getType());
        }
    }

    /** The item count of the next block of a collection; a negative count is followed by the block's size. */
    private long blockCount(Schema schema) throws IOException {
        long count = readLong();
        if (count < 0) {
            readLong();
            count = -count;
        }
        if (count < 0 || count > end - position) {
            throw refused(String.format(Locale.ROOT, "a block of %d items is claimed in %s with only %d bytes left",
                    count, schema.getFullName(), end - position));
        }
        return count;
    }

    private void skipBytes(long length, Schema schema) throws EOFException {
        if (length < 0 || length > end - position) {
            throw refused(String.format(Locale.ROOT, "a %s of %d bytes is claimed in %s with only %d bytes left",
                    schema.getType().getName(), length, schema.getFullName(), end - position));
        }
        position += (int) length;
    }

    private void skip(int bytes) throws EOFException {
        if (bytes > end - position) {
            throw new EOFException("the payload ends " + (bytes - (end - position)) + " byte(s) early");
        }
        position += bytes;
    }

    private int next() throws EOFException {
        if (position >= end) {
            throw new EOFException("the payload ends inside a number");
        }
        return data[position++] & 0xff;
    }

    /** A zig-zag varint of at most 5 bytes, as Avro reads an int. */
    private int readInt() throws EOFException {
        int n = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = next();
            n |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (n >>> 1) ^ -(n & 1);
            }
        }
        throw refused("an int is encoded in more than 5 bytes");
    }

    /** A zig-zag varint of at most 10 bytes, as Avro reads a long. */
    private long readLong() throws EOFException {
        long n = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = next();
            n |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (n >>> 1) ^ -(n & 1);
            }
        }
        throw refused("a long is encoded in more than 10 bytes");
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
