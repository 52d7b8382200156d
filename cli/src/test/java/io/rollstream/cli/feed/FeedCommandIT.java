package io.rollstream.cli.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.infra.stack.LocalStack;
import io.rollstream.infra.stack.LocalStackConfig;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topic;
import io.rollstream.schemas.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code feed} against the embedded broker and registry and reads both topics back. */
class FeedCommandIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldPublishQuestionsAndGroupedPromptsThatReadBackThroughTheRegistry() {
        try (LocalStack stack = LocalStack.start(LocalStackConfig.onFreePorts(dataDir));
             HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl())) {
            StringWriter out = new StringWriter();
            CommandLine cli = new CommandLine(new FeedCommand());
            cli.setOut(new PrintWriter(out));
            int exit = cli.execute("--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url",
                    stack.registryUrl(), "--dataset", "synthetic", "--difficulty", "easy", "--limit", "5",
                    "--group-size", "4", "--attempts", "2", "--template", "COMPACT", "--seed", "9");
            assertEquals(0, exit, out.toString());
            assertTrue(out.toString().contains("published 5 questions and 20 prompts"), out.toString());

            CatalogSerdes serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
            List<Question> questions = readAll(stack.bootstrapServers(), Topics.QUESTIONS,
                    serdes.valueSerde(Topics.QUESTIONS).deserializer(), 5);
            List<Prompt> prompts = readAll(stack.bootstrapServers(), Topics.PROMPTS,
                    serdes.valueSerde(Topics.PROMPTS).deserializer(), 20);

            Set<String> questionIds = questions.stream().map(Question::getQuestionId).collect(Collectors.toSet());
            assertEquals(5, questionIds.size());
            assertEquals(20, prompts.stream().map(Prompt::getEpisodeId).distinct().count());
            assertEquals(5, prompts.stream().map(Prompt::getGroupId).distinct().count());
            assertTrue(prompts.stream().allMatch(p -> questionIds.contains(p.getQuestionId())
                    && p.getMaxAttempts() == 2 && p.getAttempt() == 1 && p.getGroupSize() == 4));
        }
    }

    private static <V> List<V> readAll(String bootstrap, Topic<String, V> topic, Deserializer<V> values, int expected) {
        Map<String, Object> settings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "feed-it-" + topic.name(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<V> read = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings)) {
            consumer.subscribe(List.of(topic.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(values.deserialize(record.topic(), record.value()));
                }
            }
        }
        assertEquals(expected, read.size(), topic.name());
        return read;
    }
}
