package io.rollstream.audit;

/**
 * Output formats of {@code rollstream export}.
 *
 * <ul>
 *   <li>JSONL: one JSON object per record: {@code topic}, {@code partition}, {@code offset}, {@code timestamp}
 *       (ISO-8601), {@code key}, {@code headers} (name to UTF-8 text) and {@code value} in Avro's JSON encoding
 *       (a union value is wrapped in an object naming its branch, e.g. {@code {"string": "42"}})</li>
 *   <li>CSV (RFC 4180, header row): {@code topic, partition, offset, timestamp, key}, then one column per
 *       top-level field of the value schema in schema order; nested records, arrays and maps are JSON text,
 *       timestamp-millis fields ISO-8601, null an empty cell. Byte-array keys and values are base64.</li>
 *   <li>PARQUET: one row per record of the Avro record {@code ExportRow}: {@code topic}, {@code partition},
 *       {@code offset}, {@code timestamp} (timestamp-millis), {@code key} (string or null; byte-array keys
 *       base64) and {@code value} (the value schema, or bytes for a raw topic). Needs a file, not a stream.</li>
 * </ul>
 */
public enum ExportFormat {
    JSONL,
    CSV,
    PARQUET
}
