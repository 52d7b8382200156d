package io.rollstream.audit;

import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes catalog records (and raw bytes) synchronously and says where each one landed. */
final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final CatalogSerdes serdes;

    TopicWriter(String bootstrap, CatalogSerdes serdes) {
        this.serdes = serdes;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    <V> RecordMetadata send(Topic<String, V> topic, String key, V value) throws Exception {
        byte[] bytes = serdes.valueSerde(topic).serializer().serialize(topic.name(), value);
        return sendRaw(topic.name(), key.getBytes(StandardCharsets.UTF_8), bytes);
    }

    RecordMetadata sendRaw(String topic, byte[] key, byte[] value) throws InterruptedException, ExecutionException {
        return producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    static RecordRef ref(RecordMetadata m) {
        return new RecordRef(m.topic(), m.partition(), m.offset(), Instant.ofEpochMilli(m.timestamp()));
    }

    @Override
    public void close() {
        producer.close();
    }
}
