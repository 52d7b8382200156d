package io.rollstream.infra.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void shouldStartOnAFreePortQuicklyAndCommitTransactionsForReadCommittedConsumers() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.at(dir))) {
            System.out.printf("embedded broker started in %d ms%n", kafka.startupTime().toMillis());
            assertTrue(kafka.port() > 0, "a real port was chosen");
            assertTrue(kafka.startupTime().compareTo(Duration.ofSeconds(15)) < 0, "took " + kafka.startupTime());
            createTopic(kafka, "tx-topic");

            try (KafkaProducer<String, String> producer = producer(kafka, "tx-1")) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("tx-topic", "k1", "aborted"));
                producer.flush();
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("tx-topic", "k1", "committed-1"));
                producer.send(new ProducerRecord<>("tx-topic", "k2", "committed-2"));
                producer.commitTransaction();
            }

            assertEquals(List.of("committed-1", "committed-2"), readValues(kafka, "tx-topic", 2));
        }
    }

    @Test
    void shouldKeepTopicsAndRecordsWhenRestartedOnTheSameDirectoryAndPort() throws Exception {
        int firstPort;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.at(dir))) {
            firstPort = kafka.port();
            createTopic(kafka, "durable");
            try (KafkaProducer<String, String> producer = producer(kafka, "tx-durable")) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("durable", "k", "survives"));
                producer.commitTransaction();
            }
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.resume(dir))) {
            System.out.printf("embedded broker restarted in %d ms%n", kafka.startupTime().toMillis());
            assertEquals(firstPort, kafka.port(), "resume reuses the previous port");
            try (Admin admin = admin(kafka)) {
                Set<String> names = admin.listTopics().names().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                assertTrue(names.contains("durable"), "topics after restart: " + names);
            }
            assertEquals(List.of("survives"), readValues(kafka, "durable", 1));
        }
    }

    private static void createTopic(EmbeddedKafka kafka, String name) throws Exception {
        try (Admin admin = admin(kafka)) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all()
                    .get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka, String transactionalId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId),
                new StringSerializer(), new StringSerializer());
    }

    private static List<String> readValues(EmbeddedKafka kafka, String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            // One more short poll so that a record that should not be there (the aborted one) would show up.
            consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(r.value()));
            return values;
        }
    }
}
