package io.rollstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.registry.InMemorySchemaRegistryClient;
import io.rollstream.schemas.registry.RegistryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ConfluentAvroDeserializerBadInputTest {

    private static final String TOPIC = "rl-attempts-v1";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final ConfluentAvroDeserializer<Question> deserializer = new ConfluentAvroDeserializer<>(registry, Question.class);

    private byte[] validQuestion() {
        return new ConfluentAvroSerializer<Question>(registry, SerdeOptions.defaults()).serialize(TOPIC, SampleRecords.question());
    }

    @Test
    void shouldNameTheTopicAndMagicByteWhenTheMagicByteIsWrong() {
        byte[] bytes = validQuestion();
        bytes[0] = 0x7B;

        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer.deserialize(TOPIC, new RecordHeaders(), bytes));

        assertTrue(e.getMessage().contains(TOPIC), e.getMessage());
        assertTrue(e.getMessage().contains("magic byte 0x7b"), e.getMessage());
    }

    @Test
    void shouldNameTheTopicAndIdWhenTheSchemaIdIsUnknown() {
        byte[] bytes = validQuestion();
        bytes[1] = 0x10;

        SerializationException e = assertThrows(SerializationException.class, () -> deserializer.deserialize(TOPIC, bytes));

        assertTrue(e.getMessage().contains(TOPIC), e.getMessage());
        assertTrue(e.getMessage().contains("schema id " + 0x10000001), e.getMessage());
        RegistryException cause = assertInstanceOf(RegistryException.class, e.getCause());
        assertEquals(RegistryException.SCHEMA_NOT_FOUND, cause.errorCode());
    }

    @Test
    void shouldNameTheTopicWhenThePayloadIsTruncated() {
        byte[] valid = validQuestion();
        byte[] truncated = Arrays.copyOf(valid, valid.length / 2);

        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer.deserialize(TOPIC, truncated));

        assertTrue(e.getMessage().contains(TOPIC) && e.getMessage().contains("schema id 1"), e.getMessage());
    }

    @Test
    void shouldNameTheTopicWhenTheRecordIsShorterThanTheHeader() {
        SerializationException e = assertThrows(SerializationException.class,
                () -> deserializer.deserialize(TOPIC, new byte[] {0}));

        assertTrue(e.getMessage().contains(TOPIC), e.getMessage());
    }

    @Test
    void shouldReportAnUnreachableRegistryAsARegistryFaultNotBadData() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        byte[] bytes = validQuestion();
        try (HttpSchemaRegistryClient down = new HttpSchemaRegistryClient("http://127.0.0.1:" + closedPort,
                Duration.ofSeconds(2))) {
            ConfluentAvroDeserializer<Question> reader = new ConfluentAvroDeserializer<>(down, Question.class);

            RuntimeException e = assertThrows(RuntimeException.class, () -> reader.deserialize(TOPIC, bytes));

            assertInstanceOf(RegistryException.class, e);
            assertFalse(e instanceof SerializationException);
            assertTrue(e.getMessage().contains(TOPIC) && e.getMessage().contains("127.0.0.1:" + closedPort),
                    e.getMessage());
        }
    }

    @Test
    void shouldAddTopicPartitionAndOffsetForCallersThatKnowThem() {
        byte[] bytes = validQuestion();
        bytes[0] = 1;
        SerializationException cause = assertThrows(SerializationException.class, () -> deserializer.deserialize(TOPIC, bytes));

        DeserializationFailure failure = DeserializationFailure.at(TOPIC, 3, 42L, cause);

        assertEquals(TOPIC, failure.topic());
        assertEquals(3, failure.partition());
        assertEquals(42L, failure.offset());
        assertSame(cause, failure.getCause());
        assertTrue(failure.getMessage().contains("'" + TOPIC + "' partition 3 offset 42"), failure.getMessage());
        assertTrue(failure.getMessage().contains("magic byte"), failure.getMessage());
    }

    @Test
    void shouldTakeTheLocationFromAConsumersDeserializationException() {
        SerializationException cause = new SerializationException("bad bytes");
        RecordDeserializationException polled = new RecordDeserializationException(
                RecordDeserializationException.DeserializationExceptionOrigin.VALUE, new TopicPartition(TOPIC, 2), 7L,
                0L, TimestampType.CREATE_TIME, null, ByteBuffer.wrap(new byte[] {1}), new RecordHeaders(),
                "poll failed", cause);

        DeserializationFailure failure = DeserializationFailure.from(polled);

        assertEquals(2, failure.partition());
        assertEquals(7L, failure.offset());
        assertSame(cause, failure.getCause());
    }
}
