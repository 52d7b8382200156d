package io.rollstream.learner.service;

import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.Trajectory;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The Kafka clients of one learner: a read_committed byte consumer of trajectories (deserialised by the
 * service so an unreadable record can be dead-lettered), producers of policy versions, replay prompts and
 * dead letters, and a reader of existing policy versions. Closing closes them all.
 */
public final class LearnerClients implements AutoCloseable {

    private final HttpSchemaRegistryClient registry;
    private final Consumer<byte[], byte[]> trajectories;
    private final Deserializer<Trajectory> trajectoryDeserializer;
    private final Producer<String, PolicyVersion> versions;
    private final Producer<String, Prompt> prompts;
    private final Producer<byte[], byte[]> deadLetters;
    private final Consumer<String, PolicyVersion> versionReader;

    public LearnerClients(ServiceSettings settings, String consumerGroup) {
        registry = new HttpSchemaRegistryClient(settings.schemaRegistryUrl(), settings.login());
        CatalogSerdes serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
        trajectoryDeserializer = serdes.valueSerde(Topics.TRAJECTORIES).deserializer();
        trajectories = new KafkaConsumer<>(consumerProps(settings, consumerGroup),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        versions = new KafkaProducer<>(producerProps(settings),
                serdes.keySerde(Topics.POLICY_VERSIONS).serializer(),
                serdes.valueSerde(Topics.POLICY_VERSIONS).serializer());
        prompts = new KafkaProducer<>(producerProps(settings),
                serdes.keySerde(Topics.PROMPTS).serializer(), serdes.valueSerde(Topics.PROMPTS).serializer());
        deadLetters = new KafkaProducer<>(producerProps(settings), new ByteArraySerializer(), new ByteArraySerializer());
        Properties readerProps = consumerProps(settings, null);
        versionReader = new KafkaConsumer<>(readerProps, new StringDeserializer(),
                serdes.valueSerde(Topics.POLICY_VERSIONS).deserializer());
    }

    private static Properties consumerProps(ServiceSettings settings, String groupOrNull) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        if (groupOrNull != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupOrNull);
        }
        // Only closed, committed episodes are trained on; offsets move with checkpoints, never automatically.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "256");
        return settings.login().applyTo(p);
    }

    private static Properties producerProps(ServiceSettings settings) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putAll(Map.of(ProducerConfig.LINGER_MS_CONFIG, "5"));
        return settings.login().applyTo(p);
    }

    public Consumer<byte[], byte[]> trajectories() {
        return trajectories;
    }

    public Deserializer<Trajectory> trajectoryDeserializer() {
        return trajectoryDeserializer;
    }

    public Producer<String, PolicyVersion> versions() {
        return versions;
    }

    public Producer<String, Prompt> prompts() {
        return prompts;
    }

    public Producer<byte[], byte[]> deadLetters() {
        return deadLetters;
    }

    public Consumer<String, PolicyVersion> versionReader() {
        return versionReader;
    }

    @Override
    public void close() {
        versionReader.close();
        deadLetters.close();
        prompts.close();
        versions.close();
        trajectories.close();
        registry.close();
    }
}
