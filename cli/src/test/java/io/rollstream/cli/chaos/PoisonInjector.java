package io.rollstream.cli.chaos;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.ConfluentWireFormat;
import io.rollstream.schemas.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a seeded mix of {@link Poison} records to rl-attempts-v1 as fast as one producer can, remembering where
 * each landed.
 */
final class PoisonInjector {

    /** One injected record: what it was and where the broker put it. */
    record Injected(Poison kind, int partition, long offset, byte[] key, byte[] value) {
    }

    /** What an injection wrote and how long it took. */
    record Injection(List<Injected> records, Duration elapsed) {

        double recordsPerSecond() {
            return records.size() / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }
    }

    private static final String TOPIC = Topics.ATTEMPTS.name();
    /** Far above any id the registry has handed out in a test. */
    private static final int UNKNOWN_SCHEMA_ID = 1_000_000;

    private final Serializer<Attempt> attempts;
    private final byte[] questionBytes;
    private final Random random;

    PoisonInjector(CatalogSerdes serdes, long seed) {
        this.attempts = serdes.valueSerde(Topics.ATTEMPTS).serializer();
        Question question = Question.newBuilder().setQuestionId("poison-question").setProblem("1 + 1")
                .setAnswer("2").setDataset("poison").setSplit("train").setSolution(null).setCreatedAt(Instant.now())
                .build();
        this.questionBytes = serdes.valueSerde(Topics.QUESTIONS).serializer().serialize(Topics.QUESTIONS.name(), question);
        this.random = new Random(seed);
    }

    /**
     * Writes {@code perKind} records of every kind, interleaved; duplicates replay {@code committed} real attempts
     * (raw key and value, to the partition they came from). Returns once every record is acknowledged.
     */
    Injection inject(String bootstrapServers, int perKind, List<ConsumerRecord<byte[], byte[]>> committed)
            throws Exception {
        if (committed.isEmpty()) {
            throw new IllegalArgumentException("duplicates need at least one committed attempt to replay");
        }
        long started = System.nanoTime();
        List<Poison> kinds = List.of(Poison.values());
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < perKind; i++) {
                for (Poison kind : kinds) {
                    ProducerRecord<byte[], byte[]> record = record(kind, i, committed.get(i % committed.size()));
                    records.add(record);
                    sent.add(producer.send(record));
                }
            }
            producer.flush();
            List<Injected> injected = new ArrayList<>(records.size());
            for (int r = 0; r < records.size(); r++) {
                RecordMetadata at = sent.get(r).get(30, TimeUnit.SECONDS);
                injected.add(new Injected(kinds.get(r % kinds.size()), at.partition(), at.offset(),
                        records.get(r).key(), records.get(r).value()));
            }
            return new Injection(injected, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private ProducerRecord<byte[], byte[]> record(Poison kind, int i, ConsumerRecord<byte[], byte[]> real) {
        String id = "poison-" + kind.name().toLowerCase(Locale.ROOT) + "-" + i;
        byte[] key = bytes(id);
        return switch (kind) {
            case RANDOM_BYTES -> new ProducerRecord<>(TOPIC, key, randomBytes(1 + random.nextInt(64)));
            case EMPTY_VALUE -> new ProducerRecord<>(TOPIC, key, new byte[0]);
            case WRONG_MAGIC_BYTE -> {
                byte[] value = validAttempt(id, 1, 2);
                value[0] = (byte) (1 + random.nextInt(255));
                yield new ProducerRecord<>(TOPIC, key, value);
            }
            case UNKNOWN_SCHEMA_ID -> {
                byte[] value = validAttempt(id, 1, 2);
                ByteBuffer.wrap(value, 1, Integer.BYTES).putInt(UNKNOWN_SCHEMA_ID + i % 16);
                yield new ProducerRecord<>(TOPIC, key, value);
            }
            case WRONG_SCHEMA -> new ProducerRecord<>(TOPIC, key, questionBytes.clone());
            case TRUNCATED_AVRO -> {
                byte[] value = validAttempt(id, 1, 2);
                int keep = ConfluentWireFormat.HEADER_SIZE + random.nextInt(value.length - ConfluentWireFormat.HEADER_SIZE);
                yield new ProducerRecord<>(TOPIC, key, Arrays.copyOf(value, keep));
            }
            case NULL_VALUE -> new ProducerRecord<>(TOPIC, key, null);
            case KEY_MISMATCH -> new ProducerRecord<>(TOPIC, bytes(id + "-other-key"), validAttempt(id, 1, 2));
            case UNKNOWN_EPISODE -> new ProducerRecord<>(TOPIC, key, validAttempt(id, 2, 2));
            case INVALID_ATTEMPT -> new ProducerRecord<>(TOPIC, key, validAttempt(id, 0, 2));
            case DUPLICATE_ATTEMPT -> new ProducerRecord<>(TOPIC, real.partition(), real.key(), real.value());
        };
    }

    private byte[] validAttempt(String episodeId, int k, int n) {
        return attempts.serialize(TOPIC, EpisodeRecords.attempt(episodeId, "poison-question", k, n, "\\boxed{2}"));
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
