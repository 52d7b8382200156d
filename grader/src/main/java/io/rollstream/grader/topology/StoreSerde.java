package io.rollstream.grader.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plain Avro binary for state stores. A store is private to the grader, so it needs no registry round
 * trip on every write; a one-byte format version in front leaves room to migrate the layout later.
 */
final class StoreSerde {

    private static final byte FORMAT_V1 = 1;

    private StoreSerde() {
    }

    static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(type);
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
        Serializer<T> serializer = (topic, value) -> value == null ? null : write(writer, value);
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : read(reader, bytes, topic);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static <T> byte[] write(SpecificDatumWriter<T> writer, T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(FORMAT_V1);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writer.write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static <T> T read(SpecificDatumReader<T> reader, byte[] bytes, String topic) {
        if (bytes.length == 0 || bytes[0] != FORMAT_V1) {
            throw new SerializationException("unknown state format in " + topic
                    + (bytes.length == 0 ? " (empty value)" : " (format byte " + bytes[0] + ")"));
        }
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 1, bytes.length - 1, null);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("corrupt state record in " + topic, e);
        }
    }
}
