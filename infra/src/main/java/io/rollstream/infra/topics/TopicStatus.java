package io.rollstream.infra.topics;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The broker's view of one catalog topic, for {@code topics describe}.
 *
 * @param name       topic name
 * @param exists     whether the topic exists on the cluster
 * @param partitions its partition count; 0 when it does not exist
 * @param configs    the broker's current values of the keys the catalog sets; empty when it does not exist
 * @param mismatches differences from the catalog; empty when it does not exist or matches
 */
public record TopicStatus(String name, boolean exists, int partitions, Map<String, String> configs,
                          List<TopicMismatch> mismatches) {

    public TopicStatus {
        Objects.requireNonNull(name, "name");
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0, got " + partitions);
        }
        configs = Map.copyOf(configs);
        mismatches = List.copyOf(mismatches);
    }

    /** One readable line per topic. */
    public String describe() {
        if (!exists) {
            return name + ": missing";
        }
        String state = mismatches.isEmpty() ? "as in the catalog" : mismatches.size() + " mismatch(es)";
        return name + ": " + partitions + " partition(s), " + new TreeMap<>(configs) + ", " + state;
    }
}
