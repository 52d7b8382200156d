package io.rollstream.schemas.serde;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rollstream.schemas.registry.InMemorySchemaRegistryClient;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Whatever bytes a topic holds, the deserializer either returns a record or throws {@link SerializationException}
 * (which callers dead-letter); any other throwable, an out-of-memory error or a stack overflow, is a finding.
 *
 * <p>The first input byte picks one of the catalog's record types and whether the rest is framed with that type's
 * registered schema id (so the fuzzer reaches the Avro payload) or taken as the whole record (header included).
 */
class ConfluentAvroDeserializerFuzzTest {

    private static final String TOPIC = "rl-fuzz-v1";

    private final List<ConfluentAvroDeserializer<?>> specific = new ArrayList<>();
    private final List<Integer> schemaIds = new ArrayList<>();
    private final ConfluentAvroDeserializer<Object> generic;

    ConfluentAvroDeserializerFuzzTest() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        for (SpecificRecord sample : SampleRecords.all()) {
            schemaIds.add(registry.register(sample.getSchema().getFullName() + "-value", sample.getSchema()));
            specific.add(newSpecific(registry, sample.getClass()));
        }
        generic = new ConfluentAvroDeserializer<>(registry);
    }

    @FuzzTest(maxDuration = "60s")
    void shouldReadOrRefuseAnyBytes(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int selector = input[0] & 0xff;
        int type = (selector >> 1) % specific.size();
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        byte[] record = (selector & 1) == 0 ? framed(schemaIds.get(type), rest) : rest;
        readOrRefuse(specific.get(type), record);
        readOrRefuse(generic, record);
    }

    private static void readOrRefuse(ConfluentAvroDeserializer<?> deserializer, byte[] record) {
        try {
            deserializer.deserialize(TOPIC, record);
        } catch (SerializationException expected) {
            // the documented refusal: the caller dead-letters the record
        }
    }

    private static byte[] framed(int schemaId, byte[] payload) {
        byte[] out = new byte[ConfluentWireFormat.HEADER_SIZE + payload.length];
        ConfluentWireFormat.writeHeader(out, schemaId);
        ByteBuffer.wrap(out, ConfluentWireFormat.HEADER_SIZE, payload.length).put(payload);
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ConfluentAvroDeserializer<?> newSpecific(InMemorySchemaRegistryClient registry, Class<?> type) {
        return new ConfluentAvroDeserializer(registry, type);
    }
}
