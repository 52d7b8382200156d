package io.rollstream.infra.topics;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@link TopicProvisioner#ensure} did: which topics it created, which already existed as the catalog
 * describes them, and every difference it found on the others (they are left untouched).
 *
 * @param created    topics created by this call
 * @param matching   topics that already existed with the catalog's partitions and configs
 * @param mismatches differences on topics that already existed
 */
public record ProvisionReport(List<String> created, List<String> matching, List<TopicMismatch> mismatches) {

    public ProvisionReport {
        created = List.copyOf(Objects.requireNonNull(created, "created"));
        matching = List.copyOf(Objects.requireNonNull(matching, "matching"));
        mismatches = List.copyOf(Objects.requireNonNull(mismatches, "mismatches"));
    }

    /** Whether every topic now matches the catalog. */
    public boolean consistent() {
        return mismatches.isEmpty();
    }

    /** A multi-line summary for logs and the command line. */
    public String describe() {
        StringBuilder text = new StringBuilder()
                .append("created: ").append(created.isEmpty() ? "none" : String.join(", ", created)).append('\n')
                .append("already as in the catalog: ").append(matching.isEmpty() ? "none" : String.join(", ", matching));
        if (mismatches.isEmpty()) {
            return text.append('\n').append("no mismatches").toString();
        }
        return text.append('\n').append("MISMATCHES (left as they are):").append('\n')
                .append(mismatches.stream().map(m -> "  " + m.describe()).collect(Collectors.joining("\n")))
                .toString();
    }
}
