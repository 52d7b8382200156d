package io.rollstream.bench;

/**
 * What one produce-then-consume-back run measured.
 *
 * @param records         records produced, and consumed back
 * @param valueBytes      bytes of all record values
 * @param producedNanos   from the first send until every record was acknowledged (acks=all)
 * @param consumedNanos   from the first send until the consumer had read every record back
 */
public record ProduceConsumeResult(long records, long valueBytes, long producedNanos, long consumedNanos) {

    private static final double MIB = 1024.0 * 1024.0;

    public ProduceConsumeResult {
        if (records < 1 || valueBytes < 1 || producedNanos < 1 || consumedNanos < 1) {
            throw new IllegalArgumentException("a produce-consume run needs records, bytes and durations > 0");
        }
    }

    /** Records per second, first send to last record read back. */
    public double endToEndRecordsPerSecond() {
        return records / (consumedNanos / 1e9);
    }

    /** Value MiB per second, first send to last record read back. */
    public double endToEndMibPerSecond() {
        return valueBytes / MIB / (consumedNanos / 1e9);
    }

    /** Records per second, first send to last acknowledgement. */
    public double producedRecordsPerSecond() {
        return records / (producedNanos / 1e9);
    }

    /** Value MiB per second, first send to last acknowledgement. */
    public double producedMibPerSecond() {
        return valueBytes / MIB / (producedNanos / 1e9);
    }

    /** Mean value size in bytes. */
    public double meanValueBytes() {
        return (double) valueBytes / records;
    }
}
