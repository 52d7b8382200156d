package io.rollstream.feeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.tasks.SyntheticDifficulty;
import io.rollstream.tasks.SyntheticTask;
import io.rollstream.tasks.TaskItem;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.headers.Provenance;
import io.rollstream.schemas.registry.InMemorySchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class FeederTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);

    private final CatalogSerdes serdes = CatalogSerdes.create(new InMemorySchemaRegistryClient(), SerdeOptions.defaults());
    private final List<TaskItem> items = new SyntheticTask(SyntheticDifficulty.EASY).items("train", 3, 42);

    @Test
    void shouldPublishEveryQuestionBeforeTheGPromptsOfEachQuestion() throws InterruptedException {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        FeedConfig config = FeedConfigs.synthetic(3, 2, "1-5", ProtocolTemplate.COMPACT);
        List<FeedProgress> progress = new ArrayList<>();

        FeedReport report = new Feeder(config, producer, serdes, CLOCK).feed(items, progress::add);

        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertEquals(9, sent.size());
        Deserializer<Question> questions = serdes.valueSerde(Topics.QUESTIONS).deserializer();
        Deserializer<Prompt> prompts = serdes.valueSerde(Topics.PROMPTS).deserializer();
        for (int i = 0; i < 3; i++) {
            ProducerRecord<byte[], byte[]> record = sent.get(i);
            assertEquals(Topics.QUESTIONS.name(), record.topic());
            Question question = questions.deserialize(record.topic(), record.value());
            assertEquals(items.get(i).questionId(), new String(record.key(), StandardCharsets.UTF_8));
            assertEquals(items.get(i).answer(), question.getAnswer());
        }
        List<String> episodeIds = new ArrayList<>();
        for (int i = 3; i < 9; i++) {
            ProducerRecord<byte[], byte[]> record = sent.get(i);
            assertEquals(Topics.PROMPTS.name(), record.topic());
            Prompt prompt = prompts.deserialize(record.topic(), record.value());
            assertEquals(prompt.getEpisodeId(), new String(record.key(), StandardCharsets.UTF_8));
            assertEquals(items.get((i - 3) / 2).questionId(), prompt.getQuestionId());
            assertEquals(prompt.getEpisodeId(), Provenance.get(record.headers(), Provenance.EPISODE).orElseThrow());
            assertEquals("1", Provenance.get(record.headers(), Provenance.ATTEMPT).orElseThrow());
            episodeIds.add(prompt.getEpisodeId());
        }
        assertEquals(new FeedReport(3, 6, episodeIds, report.elapsed()), report);
        assertEquals(new FeedProgress(3, 3, 6, 6), progress.get(progress.size() - 1));
        assertEquals(9, progress.size());
        assertTrue(producer.flushed());
    }

    @Test
    void shouldStopAtTheFirstRecordTheBrokerRejects() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(),
                new ByteArraySerializer()) {
            @Override
            public synchronized void flush() {
                while (errorNext(new KafkaException("broker gone"))) {
                    // every pending send fails
                }
            }
        };
        FeedConfig config = FeedConfigs.synthetic(3, 2, "1-5", ProtocolTemplate.COMPACT);

        KafkaException e = assertThrows(KafkaException.class,
                () -> new Feeder(config, producer, serdes, CLOCK).feed(items, p -> { }));

        assertTrue(e.getMessage().contains("broker gone"), e.getMessage());
        assertTrue(producer.history().stream().noneMatch(r -> r.topic().equals(Topics.PROMPTS.name())),
                "no prompt may go out before its question is acknowledged");
    }

    @Test
    void shouldAskForAnIdempotentProducerWithAcksFromAllReplicas() {
        var settings = Feeder.producerConfig("broker:9092");
        assertEquals(true, settings.get("enable.idempotence"));
        assertEquals("all", settings.get("acks"));
        assertEquals("broker:9092", settings.get("bootstrap.servers"));
    }
}
