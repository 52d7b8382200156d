package io.rollstream.actor.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.rollstream.actor.support.Prompts;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.registry.InMemorySchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.DeserializationFailure;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class PromptReaderTest {

    private final Serde<Prompt> serde = CatalogSerdes.create(new InMemorySchemaRegistryClient(),
            SerdeOptions.defaults()).valueSerde(Topics.PROMPTS);
    private final PromptReader reader = new PromptReader(serde.deserializer());

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>(Topics.PROMPTS.name(), 3, 17, "e".getBytes(StandardCharsets.UTF_8), value);
    }

    @Test
    void shouldReadAWellFormedPrompt() {
        Prompt prompt = Prompts.fresh("e", "1+1").build();
        byte[] bytes = serde.serializer().serialize(Topics.PROMPTS.name(), prompt);

        PromptRead.Readable read = assertInstanceOf(PromptRead.Readable.class, reader.read(record(bytes)));

        assertEquals(prompt, read.prompt());
    }

    @Test
    void shouldMarkGarbageBytesUnreadableWithTheirLocation() {
        PromptRead read = reader.read(record("not avro at all".getBytes(StandardCharsets.UTF_8)));

        PromptRead.Unreadable unreadable = assertInstanceOf(PromptRead.Unreadable.class, read);
        DeserializationFailure failure = assertInstanceOf(DeserializationFailure.class, unreadable.error());
        assertEquals(3, failure.partition());
        assertEquals(17, failure.offset());
    }

    @Test
    void shouldMarkATombstoneUnreadable() {
        assertInstanceOf(PromptRead.Unreadable.class, reader.read(record(null)));
    }
}
