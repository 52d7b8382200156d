package io.rollstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.registry.CompatibilityChecker;
import io.rollstream.schemas.registry.CompatibilityLevel;
import io.rollstream.schemas.registry.InMemorySchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The lean -v1 schemas evolve the embedded ones under BACKWARD: records written before still read. */
class LeanRecordsCompatibilityTest {

    private static final Map<String, Schema> OLD = EmbeddedV1Schemas.all();

    @Test
    void shouldAcceptEveryLeanSchemaAsABackwardCompatibleNextVersion() {
        assertEquals(List.of(), CompatibilityChecker.check(CompatibilityLevel.BACKWARD, Attempt.getClassSchema(),
                List.of(OLD.get("Attempt"))));
        assertEquals(List.of(), CompatibilityChecker.check(CompatibilityLevel.BACKWARD, GradedAttempt.getClassSchema(),
                List.of(OLD.get("GradedAttempt"))));
        assertEquals(List.of(), CompatibilityChecker.check(CompatibilityLevel.BACKWARD, Trajectory.getClassSchema(),
                List.of(OLD.get("Trajectory"))));
        assertEquals(List.of(), CompatibilityChecker.check(CompatibilityLevel.BACKWARD, Prompt.getClassSchema(),
                List.of(OLD.get("Prompt"))));
    }

    @Test
    void shouldReadAnAttemptWrittenWithItsPromptEmbedded() throws IOException {
        Attempt lean = SampleRecords.attempt();
        GenericRecord old = embedded(lean, SampleRecords.prompt());
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        int id = registry.register("rl-attempts-v1-value", OLD.get("Attempt"));

        Attempt read = new ConfluentAvroDeserializer<Attempt>(registry, Attempt.class)
                .deserialize("rl-attempts-v1", new RecordHeaders(), wire(id, old));

        assertEquals(lean.getResponse(), read.getResponse());
        assertEquals(lean.getResponseTokenIds(), read.getResponseTokenIds());
        assertEquals(lean.getLogProbs(), read.getLogProbs());
        assertEquals(lean.getPolicyVersion(), read.getPolicyVersion());
        assertEquals("", read.getPromptId(), "written before prompts had ids");
        assertEquals("", read.getPolicyName(), "written before policies were named");
        assertTrue(old.getSchema().getField("prompt") != null, "the old record really embedded its prompt");
    }

    /** {@code lean} in the embedded layout: the same fields, plus the prompt in the old Prompt schema. */
    private static GenericRecord embedded(Attempt lean, Prompt prompt) throws IOException {
        Schema oldAttempt = OLD.get("Attempt");
        GenericRecord record = new GenericData.Record(oldAttempt);
        GenericRecord leanGeneric = reread(lean, Attempt.getClassSchema());
        for (Schema.Field field : oldAttempt.getFields()) {
            if (field.name().equals("prompt")) {
                record.put("prompt", reread(prompt, OLD.get("Prompt")));
            } else {
                record.put(field.name(), leanGeneric.get(field.name()));
            }
        }
        return record;
    }

    /** {@code record} written with its own schema and read back as a generic record of {@code reader}. */
    private static GenericRecord reread(SpecificRecord record, Schema reader) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(record.getSchema(), reader)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static byte[] wire(int schemaId, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ConfluentWireFormat.MAGIC_BYTE);
        out.write(ByteBuffer.allocate(Integer.BYTES).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
