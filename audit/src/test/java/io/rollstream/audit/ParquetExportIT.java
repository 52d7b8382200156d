package io.rollstream.audit;

import static io.rollstream.audit.EpisodeScript.correct;
import static io.rollstream.audit.EpisodeScript.play;
import static io.rollstream.audit.EpisodeScript.wrong;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rollstream.infra.stack.LocalStack;
import io.rollstream.infra.stack.LocalStackConfig;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports graded attempts and dead letters of a real broker to Parquet files and reads them back. */
class ParquetExportIT {

    @TempDir
    static Path dir;

    private static LocalStack stack;
    private static HttpSchemaRegistryClient registry;
    private static CatalogSerdes serdes;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.start(LocalStackConfig.onFreePorts(dir.resolve("kafka")));
        registry = new HttpSchemaRegistryClient(stack.registryUrl());
        serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
    }

    @AfterAll
    static void stopStack() {
        registry.close();
        stack.close();
    }

    @Test
    void shouldExportGradedAttemptsAsParquetRowsWithTheirAvroValues() throws Exception {
        Instant from = Instant.now();
        EpisodeScript e = play("parquet-1", "pq1", "3", 3, Instant.now(), "actor-p", 2, true, wrong(1), correct("3"));
        try (TopicWriter writer = new TopicWriter(stack.bootstrapServers(), serdes)) {
            for (int i = 0; i < e.graded().size(); i++) {
                writer.send(Topics.GRADED, "parquet-1", e.graded().get(i));
            }
        }
        Instant to = Instant.now().plusMillis(1);
        Path file = dir.resolve("graded.parquet");

        ExportSummary summary = Exporter.export(config(Topics.GRADED.name(), from, to), file);

        List<GenericRecord> rows = readBack(file);
        assertEquals(2, summary.written());
        assertEquals(2, rows.size());
        GenericRecord first = rows.get(0);
        assertEquals("rl-graded-v1", first.get("topic").toString());
        assertEquals("parquet-1", first.get("key").toString());
        GenericRecord value = (GenericRecord) first.get("value");
        assertEquals("WRONG", value.get("verdict").toString());
        assertEquals(-0.5f, (Float) value.get("reward"));
        assertEquals("CORRECT", ((GenericRecord) rows.get(1).get("value")).get("verdict").toString());
    }

    @Test
    void shouldExportDeadLettersAsBytesValuesWithBase64Keys() throws Exception {
        Instant from = Instant.now();
        byte[] key = {1, 2, 3};
        byte[] payload = "not avro".getBytes(StandardCharsets.UTF_8);
        try (TopicWriter writer = new TopicWriter(stack.bootstrapServers(), serdes)) {
            writer.sendRaw(Topics.DEAD_LETTERS.name(), key, payload);
            writer.sendRaw(Topics.DEAD_LETTERS.name(), null, payload);
        }
        Instant to = Instant.now().plusMillis(1);
        Path file = dir.resolve("dlq.parquet");

        Exporter.export(config(Topics.DEAD_LETTERS.name(), from, to), file);

        List<GenericRecord> rows = readBack(file);
        assertEquals(2, rows.size());
        // the keyless record may land on any partition, so rows are told apart by key, not position
        GenericRecord keyed = rows.stream().filter(r -> r.get("key") != null).findFirst().orElseThrow();
        assertEquals(Base64.getEncoder().encodeToString(key), keyed.get("key").toString());
        assertEquals(1, rows.stream().filter(r -> r.get("key") == null).count());
        for (GenericRecord row : rows) {
            ByteBuffer value = (ByteBuffer) row.get("value");
            byte[] read = new byte[value.remaining()];
            value.get(read);
            assertArrayEquals(payload, read);
        }
    }

    @Test
    void shouldRefuseToWriteParquetToACharacterStream() {
        ExportConfig config = config(Topics.GRADED.name(), Instant.EPOCH, Instant.now());

        assertThrows(IllegalArgumentException.class, () -> Exporter.export(config, new StringWriter()));
    }

    private static ExportConfig config(String topic, Instant from, Instant to) {
        return new ExportConfig(stack.bootstrapServers(), stack.registryUrl(), Topics.byName(topic).orElseThrow(),
                from, to, ExportFormat.PARQUET, Duration.ofSeconds(20));
    }

    private static List<GenericRecord> readBack(Path file) throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file),
                new PlainParquetConfiguration()).build()) {
            for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
                rows.add(r);
            }
        }
        return rows;
    }
}
