package io.rollstream.grader.audit;

import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.ConfluentAvroDeserializer;
import io.rollstream.schemas.topics.Topic;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Writes the committed records of one topic in a time range as JSON lines or CSV for downstream analysis.
 * Values are read as generic records resolved to the catalog's current schema, so records written with an
 * older compatible schema export with the same columns. Records are written partition by partition, each in
 * offset order.
 */
public final class Exporter {

    private Exporter() {
    }

    /** Exports into {@code out} (not closed). Broker and registry failures propagate. */
    public static ExportSummary export(ExportConfig config, Writer out) throws IOException {
        Topic<?, ?> topic = config.topic();
        Schema schema = SpecificRecord.class.isAssignableFrom(topic.valueType())
                ? SpecificData.get().getSchema(topic.valueType()) : null;
        RecordEncoder encoder = new RecordEncoder(schema);
        List<ConsumerRecord<byte[], byte[]>> records;
        try (TopicReader reader = new TopicReader(config.bootstrapServers(), config.readTimeout())) {
            Map<String, List<ConsumerRecord<byte[], byte[]>>> raw = reader.read(reader.plan(List.of(
                    new TopicReader.Slice(topic.name(), config.from(), config.to()))));
            records = new ArrayList<>(raw.get(topic.name()));
        }
        records.sort(Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition())
                .thenComparingLong(ConsumerRecord::offset));
        if (config.format() == ExportFormat.CSV) {
            out.write(RecordEncoder.csvLine(encoder.csvHeader()));
            out.write('\n');
        }
        long written = 0;
        List<RecordRef> unreadable = new ArrayList<>();
        try (HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(config.schemaRegistryUrl());
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
                out.write(config.format() == ExportFormat.CSV
                        ? RecordEncoder.csvLine(encoder.csvRow(ref, key, value))
                        : encoder.jsonLine(ref, key, value, r.headers()));
                out.write('\n');
                written++;
            }
        }
        out.flush();
        return new ExportSummary(written, unreadable);
    }
}
