package io.rollstream.actor.loop;

import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.serde.DeserializationFailure;
import io.rollstream.schemas.topics.Topics;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads raw prompt records. Bytes that do not deserialize (garbage, unknown schema id, a tombstone) are
 * unreadable input for the dead-letter topic; a registry that cannot be reached is an infrastructure fault
 * and propagates, so a registry outage never turns good prompts into dead letters.
 */
final class PromptReader {

    private final Deserializer<Prompt> deserializer;

    PromptReader(Deserializer<Prompt> deserializer) {
        this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    }

    PromptRead read(ConsumerRecord<byte[], byte[]> record) {
        try {
            Prompt prompt = deserializer.deserialize(Topics.PROMPTS.name(), record.headers(), record.value());
            if (prompt == null) {
                return unreadable(record, new SerializationException("prompt record has no value (a tombstone)"));
            }
            return new PromptRead.Readable(record, prompt);
        } catch (SerializationException e) {
            return unreadable(record, e);
        }
    }

    private static PromptRead unreadable(ConsumerRecord<byte[], byte[]> record, SerializationException cause) {
        return new PromptRead.Unreadable(record,
                DeserializationFailure.at(record.topic(), record.partition(), record.offset(), cause));
    }
}
