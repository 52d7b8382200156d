package io.rollstream.audit;

import java.util.List;

/**
 * What an export wrote.
 *
 * @param written    records written
 * @param unreadable records skipped because they could not be deserialized, by where they are
 */
public record ExportSummary(long written, List<RecordRef> unreadable) {

    public ExportSummary {
        unreadable = List.copyOf(unreadable);
    }
}
