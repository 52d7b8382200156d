package io.rollstream.schemas.serde;

import java.util.Objects;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that could not be deserialized, with where it lies: the topic, partition and offset a
 * {@code Deserializer} is never told, added by the caller that knows them (a poll loop, a DLQ handler).
 */
public final class DeserializationFailure extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final int partition;
    private final long offset;

    private DeserializationFailure(String topic, int partition, long offset, Throwable cause) {
        super("Cannot deserialize the record at topic '" + topic + "' partition " + partition + " offset " + offset
                + ": " + cause.getMessage(), cause);
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    /** The failure {@code cause} of the record at {@code topic}-{@code partition}@{@code offset}. */
    public static DeserializationFailure at(String topic, int partition, long offset, Throwable cause) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(cause, "cause");
        return new DeserializationFailure(topic, partition, offset, cause);
    }

    /** The failure a consumer's poll reported, with the location it carries. */
    public static DeserializationFailure from(RecordDeserializationException polled) {
        Throwable cause = polled.getCause() != null ? polled.getCause() : polled;
        return at(polled.topicPartition().topic(), polled.topicPartition().partition(), polled.offset(), cause);
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }
}
