package io.rollstream.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.schemas.avro.Question;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KafkaPropertyConfigurationTest {

    private InMemoryRegistryServer server;

    @BeforeEach
    void start() throws IOException {
        server = new InMemoryRegistryServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Map<String, Object> configs(Object... keyValues) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url());
        for (int i = 0; i < keyValues.length; i += 2) {
            configs.put((String) keyValues[i], keyValues[i + 1]);
        }
        return configs;
    }

    private byte[] questionBytes() {
        try (ConfluentAvroSerializer<Question> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(configs(), false);
            return serializer.serialize("questions", SampleRecords.question());
        }
    }

    @Test
    void shouldAutoRegisterOverHttpWhenConfiguredFromProperties() {
        byte[] bytes = questionBytes();

        assertEquals(List.of("questions-value"), server.registry().subjects());
        assertEquals(server.registry().latest("questions-value").id(), ConfluentWireFormat.schemaId("questions", bytes));
    }

    @Test
    void shouldReadIntoTheClassNamedByTheWriterSchemaWhenSpecificReaderIsOn() {
        byte[] bytes = questionBytes();
        try (ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>()) {
            deserializer.configure(configs(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true"), false);

            assertEquals(SampleRecords.question(), deserializer.deserialize("questions", bytes));
        }
    }

    @Test
    void shouldReadIntoTheConfiguredValueType() {
        byte[] bytes = questionBytes();
        try (ConfluentAvroDeserializer<Question> deserializer = new ConfluentAvroDeserializer<>()) {
            deserializer.configure(configs(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, Question.class.getName()), false);

            assertEquals(SampleRecords.question(), deserializer.deserialize("questions", bytes));
        }
    }

    @Test
    void shouldReadGenericRecordsByDefault() {
        byte[] bytes = questionBytes();
        try (ConfluentAvroDeserializer<Object> deserializer = new ConfluentAvroDeserializer<>()) {
            deserializer.configure(configs(), false);

            GenericRecord read = assertInstanceOf(GenericRecord.class, deserializer.deserialize("questions", bytes));
            assertEquals("q-17", read.get("questionId").toString());
        }
    }

    @Test
    void shouldUseTheLatestVersionWhenConfiguredSo() {
        byte[] registered = questionBytes();
        try (ConfluentAvroSerializer<Question> serializer = new ConfluentAvroSerializer<>()) {
            serializer.configure(configs(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false",
                    AvroSerdeConfig.USE_LATEST_VERSION, true), false);

            byte[] bytes = serializer.serialize("questions", SampleRecords.question());

            assertEquals(ConfluentWireFormat.schemaId("questions", registered), ConfluentWireFormat.schemaId("questions", bytes));
        }
    }

    @Test
    void shouldNameTheKeyAndAcceptedValuesOfABadSetting() {
        ConfluentAvroSerializer<Question> serializer = new ConfluentAvroSerializer<>();

        ConfigException bad = assertThrows(ConfigException.class,
                () -> serializer.configure(configs(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "yes"), false));
        ConfigException missing = assertThrows(ConfigException.class,
                () -> serializer.configure(Map.of(), false));
        ConfigException both = assertThrows(ConfigException.class,
                () -> serializer.configure(configs(AvroSerdeConfig.USE_LATEST_VERSION, "true"), false));
        ConfigException notAvro = assertThrows(ConfigException.class, () -> new ConfluentAvroDeserializer<>()
                .configure(configs(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, String.class.getName()), false));

        assertTrue(bad.getMessage().contains("auto.register.schemas") && bad.getMessage().contains("true or false"),
                bad.getMessage());
        assertTrue(missing.getMessage().contains("schema.registry.url"), missing.getMessage());
        assertTrue(both.getMessage().contains("auto.register.schemas=false"), both.getMessage());
        assertTrue(notAvro.getMessage().contains("specific.avro.value.type"), notAvro.getMessage());
    }

    @Test
    void shouldBeBuiltAndConfiguredByAPlainKafkaConsumerFromProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ConfluentAvroDeserializer.class.getName());
        props.put(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, Question.class.getName());
        props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url());
        try (KafkaConsumer<String, Question> consumer = new KafkaConsumer<>(props)) {
            assertTrue(consumer.subscription().isEmpty());
        }

        props.remove(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        KafkaException e = assertThrows(KafkaException.class, () -> new KafkaConsumer<String, Question>(props).close());
        assertTrue(String.valueOf(e.getCause()).contains("schema.registry.url"), String.valueOf(e.getCause()));
    }
}
