package io.rollstream.audit;

import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.ConfluentAvroDeserializer;
import io.rollstream.schemas.topics.Topic;
import io.rollstream.schemas.topics.TopicReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes the committed records of one topic in a time range as JSON lines, CSV or Parquet for downstream analysis.
 * Values are read as generic records resolved to the catalog's current schema, so records written with an
 * older compatible schema export with the same columns. Records are written partition by partition, each in
 * offset order.
 */
public final class Exporter {

    private Exporter() {
    }

    /** Exports as JSON lines or CSV into {@code out} (not closed). Broker and registry failures propagate. */
    public static ExportSummary export(ExportConfig config, Writer out) throws IOException {
        if (config.format() == ExportFormat.PARQUET) {
            throw new IllegalArgumentException("parquet needs a file: use export(config, Path)");
        }
        RecordEncoder encoder = new RecordEncoder(valueSchema(config.topic()));
        if (config.format() == ExportFormat.CSV) {
            out.write(RecordEncoder.csvLine(encoder.csvHeader()));
            out.write('\n');
        }
        ExportSummary summary = read(config, (ref, key, value, headers) -> {
            out.write(config.format() == ExportFormat.CSV
                    ? RecordEncoder.csvLine(encoder.csvRow(ref, key, value))
                    : encoder.jsonLine(ref, key, value, headers));
            out.write('\n');
        });
        out.flush();
        return summary;
    }

    /**
     * Exports in the format of {@code config} into the file {@code output}, replacing it; the only way to write
     * Parquet, whose footer needs a seekable file. Broker and registry failures propagate.
     */
    public static ExportSummary export(ExportConfig config, Path output) throws IOException {
        if (config.format() != ExportFormat.PARQUET) {
            try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                return export(config, out);
            }
        }
        RecordEncoder encoder = new RecordEncoder(valueSchema(config.topic()));
        Schema rowSchema = encoder.exportRowSchema();
        try (ParquetWriter<GenericRecord> out = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(output))
                .withConf(new PlainParquetConfiguration())
                .withSchema(rowSchema)
                .withDataModel(GenericData.get())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            return read(config, (ref, key, value, headers) -> out.write(encoder.exportRow(rowSchema, ref, key, value)));
        }
    }

    /** The catalog's schema of the topic's values; null for a topic of raw bytes. */
    private static Schema valueSchema(Topic<?, ?> topic) {
        return SpecificRecord.class.isAssignableFrom(topic.valueType())
                ? SpecificData.get().getSchema(topic.valueType()) : null;
    }

    /** Where the readable, non-tombstone records go, in export order. */
    @FunctionalInterface
    private interface RowSink {
        void accept(RecordRef ref, Object key, Object value, Headers headers) throws IOException;
    }

    private static ExportSummary read(ExportConfig config, RowSink sink) throws IOException {
        Topic<?, ?> topic = config.topic();
        Schema schema = valueSchema(topic);
        List<ConsumerRecord<byte[], byte[]>> records;
        try (TopicReader reader = new TopicReader(config.bootstrapServers(), config.login(), config.readTimeout(),
                "rollstream-audit")) {
            Map<String, List<ConsumerRecord<byte[], byte[]>>> raw = reader.read(reader.plan(List.of(
                    new TopicReader.Slice(topic.name(), config.from(), config.to()))));
            records = new ArrayList<>(raw.get(topic.name()));
        }
        records.sort(Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition())
                .thenComparingLong(ConsumerRecord::offset));
        long written = 0;
        List<RecordRef> unreadable = new ArrayList<>();
        try (HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(config.schemaRegistryUrl(), config.login());
             ConfluentAvroDeserializer<GenericRecord> values = schema == null ? null
                     : new ConfluentAvroDeserializer<>(registry, schema)) {
            for (ConsumerRecord<byte[], byte[]> r : records) {
                RecordRef ref = new RecordRef(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()));
                Object key = topic.keyType() == String.class && r.key() != null
                        ? new String(r.key(), StandardCharsets.UTF_8) : r.key();
                Object value;
                try {
                    value = values == null ? r.value() : values.deserialize(r.topic(), r.value());
                } catch (SerializationException e) {
                    unreadable.add(ref);
                    continue;
                }
                if (value == null) {
                    continue; // tombstones carry no fields to export
                }
                sink.accept(ref, key, value, r.headers());
                written++;
            }
        }
        return new ExportSummary(written, unreadable);
    }
}
