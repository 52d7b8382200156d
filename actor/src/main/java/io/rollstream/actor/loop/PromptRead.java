package io.rollstream.actor.loop;

import io.rollstream.schemas.avro.Prompt;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A consumed prompt record: readable into a {@link Prompt}, or unreadable and bound for the dead-letter topic. */
sealed interface PromptRead permits PromptRead.Readable, PromptRead.Unreadable {

    /** The raw record as consumed. */
    ConsumerRecord<byte[], byte[]> record();

    /** A prompt to answer. */
    record Readable(ConsumerRecord<byte[], byte[]> record, Prompt prompt) implements PromptRead {
        public Readable {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(prompt, "prompt");
        }
    }

    /** Bytes that are no prompt, with the reason. */
    record Unreadable(ConsumerRecord<byte[], byte[]> record, RuntimeException error) implements PromptRead {
        public Unreadable {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(error, "error");
        }
    }
}
