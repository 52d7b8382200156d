package io.rollstream.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.kafka.common.header.Header;

/** Turns one exported record into a JSON line, a CSV row or a Parquet row, as {@link ExportFormat} documents. */
final class RecordEncoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Schema valueSchema;

    /** An encoder for values of {@code valueSchema}; null for a topic of raw bytes. */
    RecordEncoder(Schema valueSchema) {
        this.valueSchema = valueSchema;
    }

    /** The Avro schema of one Parquet row: the record's coordinates, its key and its value. */
    Schema exportRowSchema() {
        Schema value = valueSchema == null ? Schema.create(Schema.Type.BYTES) : valueSchema;
        return SchemaBuilder.record("ExportRow").namespace(RecordEncoder.class.getPackageName()).fields()
                .requiredString("topic")
                .requiredInt("partition")
                .requiredLong("offset")
                .name("timestamp").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)))
                .noDefault()
                .optionalString("key")
                .name("value").type(value).noDefault()
                .endRecord();
    }

    /** One Parquet row of {@code rowSchema} (from {@link #exportRowSchema()}). */
    GenericRecord exportRow(Schema rowSchema, RecordRef ref, Object key, Object value) {
        GenericData.Record row = new GenericData.Record(rowSchema);
        row.put("topic", ref.topic());
        row.put("partition", ref.partition());
        row.put("offset", ref.offset());
        row.put("timestamp", ref.timestamp().toEpochMilli());
        row.put("key", text(key));
        row.put("value", value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value);
        return row;
    }

    /** The CSV header row. */
    List<String> csvHeader() {
        List<String> header = new ArrayList<>(List.of("topic", "partition", "offset", "timestamp", "key"));
        if (valueSchema == null) {
            header.add("value");
        } else {
            valueSchema.getFields().forEach(f -> header.add(f.name()));
        }
        return header;
    }

    /** One CSV row; {@code value} is a GenericRecord of the value schema, or bytes for a raw topic. */
    List<String> csvRow(RecordRef ref, Object key, Object value) {
        List<String> row = new ArrayList<>(List.of(ref.topic(), Integer.toString(ref.partition()),
                Long.toString(ref.offset()), ref.timestamp().toString(), text(key)));
        if (valueSchema == null) {
            row.add(text(value));
        } else {
            GenericRecord record = (GenericRecord) value;
            for (Schema.Field f : valueSchema.getFields()) {
                row.add(cell(f.schema(), record.get(f.pos())));
            }
        }
        return row;
    }

    /** One JSON line (without the newline). */
    String jsonLine(RecordRef ref, Object key, Object value, Iterable<Header> headers) {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", ref.topic());
        line.put("partition", ref.partition());
        line.put("offset", ref.offset());
        line.put("timestamp", ref.timestamp().toString());
        line.put("key", text(key));
        ObjectNode names = line.putObject("headers");
        for (Header h : headers) {
            names.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        try {
            if (valueSchema == null) {
                line.put("value", text(value));
            } else {
                line.set("value", JSON.readTree(avroJson((GenericRecord) value)));
            }
            return JSON.writeValueAsString(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] avroJson(GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonEncoder encoder = EncoderFactory.get().jsonEncoder(valueSchema, out);
        new GenericDatumWriter<GenericRecord>(valueSchema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static String cell(Schema schema, Object value) {
        if (value == null) {
            return "";
        }
        Schema s = nonNull(schema);
        if (s.getLogicalType() instanceof LogicalTypes.TimestampMillis && value instanceof Long millis) {
            return Instant.ofEpochMilli(millis).toString();
        }
        return switch (s.getType()) {
            case RECORD, ARRAY, MAP, UNION, BYTES, FIXED -> GenericData.get().toString(value);
            default -> value.toString();
        };
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        List<Schema> branches = schema.getTypes().stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
        return branches.size() == 1 ? branches.get(0) : schema;
    }

    private static String text(Object keyOrValue) {
        if (keyOrValue == null) {
            return null;
        }
        return keyOrValue instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : keyOrValue.toString();
    }

    /** A CSV line per RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. */
    static String csvLine(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            String f = fields.get(i) == null ? "" : fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                line.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                line.append(f);
            }
        }
        return line.toString();
    }
}
