package io.rollstream.schemas.serde;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the payload
 * (Avro binary). Any Confluent-compatible client in any language reads and writes this framing.
 */
public final class ConfluentWireFormat {

    /** The first byte of every framed record. */
    public static final byte MAGIC_BYTE = 0x0;

    /** Bytes before the payload: the magic byte and the schema id. */
    public static final int HEADER_SIZE = 1 + Integer.BYTES;

    private ConfluentWireFormat() {
    }

    /** Writes the header for {@code schemaId} into the first {@link #HEADER_SIZE} bytes of {@code target}. */
    public static void writeHeader(byte[] target, int schemaId) {
        ByteBuffer.wrap(target, 0, HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId);
    }

    /**
     * Reads the schema id of a framed record.
     *
     * @throws SerializationException naming the topic when the record is too short or its magic byte is not 0
     */
    public static int schemaId(String topic, byte[] data) {
        if (data.length < HEADER_SIZE) {
            throw new SerializationException("Cannot deserialize a record from topic '" + topic + "': "
                    + data.length + " bytes is shorter than the " + HEADER_SIZE + "-byte Confluent wire-format header");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new SerializationException(String.format(Locale.ROOT,
                    "Cannot deserialize a record from topic '%s': unknown magic byte 0x%02x, expected 0x00 "
                            + "(Confluent wire format)", topic, data[0] & 0xff));
        }
        return ByteBuffer.wrap(data, 1, Integer.BYTES).getInt();
    }
}
