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

    /**
     * A record bound for the dead-letter topic: bytes that are no prompt ({@link #UNREADABLE}), or a prompt this
     * actor refuses (e.g. {@link #NO_TRAINED_VALUE_HEAD}), with the error that explains it.
     */
    record Unreadable(ConsumerRecord<byte[], byte[]> record, RuntimeException error, String reason)
            implements PromptRead {

        static final String UNREADABLE = "UNREADABLE";
        static final String NO_TRAINED_VALUE_HEAD = "NO_TRAINED_VALUE_HEAD";

        public Unreadable {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(reason, "reason");
        }

        Unreadable(ConsumerRecord<byte[], byte[]> record, RuntimeException error) {
            this(record, error, UNREADABLE);
        }
    }
}
