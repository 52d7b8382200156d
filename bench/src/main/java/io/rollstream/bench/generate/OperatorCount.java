package io.rollstream.bench.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The libtorch operators called from Java, counted by name: the top-level events of a profiler trace. An
 * operator's own sub-operators (the {@code aten::mm} inside an {@code aten::matmul}) nest inside its time
 * span on the same thread and are not counted, so each counted event is one call into the native library's
 * operator dispatch.
 */
public record OperatorCount(Map<String, Long> byName) {

    public OperatorCount {
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** Counts the events not nested inside an earlier-starting event of the same thread. */
    public static OperatorCount topLevel(List<TraceEvent> events) {
        Map<String, List<TraceEvent>> byThread = events.stream()
                .collect(Collectors.groupingBy(TraceEvent::thread, TreeMap::new, Collectors.toList()));
        Map<String, Long> counts = new TreeMap<>();
        for (List<TraceEvent> thread : byThread.values()) {
            List<TraceEvent> ordered = new ArrayList<>(thread);
            // A parent starts no later than its children and, starting together, lasts longer.
            ordered.sort(Comparator.comparingDouble(TraceEvent::start)
                    .thenComparing(Comparator.comparingDouble(TraceEvent::duration).reversed()));
            double openUntil = Double.NEGATIVE_INFINITY;
            for (TraceEvent event : ordered) {
                if (event.start() >= openUntil) {
                    counts.merge(event.name(), 1L, Long::sum);
                    openUntil = event.end();
                }
            }
        }
        return new OperatorCount(counts);
    }

    /** All counted calls. */
    public long total() {
        return byName.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Calls per unit between two runs that differ only in {@code units} more of the repeated work (decoding
     * steps): what the longer run added, name by name, divided by {@code units}, so the fixed cost of
     * starting and finishing cancels out.
     */
    public static Map<String, Double> perUnit(OperatorCount shorter, OperatorCount longer, int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("units must be positive, got " + units);
        }
        Map<String, Double> rates = new TreeMap<>();
        for (Map.Entry<String, Long> entry : longer.byName().entrySet()) {
            long added = entry.getValue() - shorter.byName().getOrDefault(entry.getKey(), 0L);
            if (added != 0) {
                rates.put(entry.getKey(), (double) added / units);
            }
        }
        for (Map.Entry<String, Long> entry : shorter.byName().entrySet()) {
            if (!longer.byName().containsKey(entry.getKey())) {
                rates.put(entry.getKey(), -(double) entry.getValue() / units);
            }
        }
        return rates;
    }

    /** "12 calls: slice 4, matmul 3, …", the most called first, without the {@code aten::} prefix. */
    public static String describe(Map<String, Double> operators) {
        double total = operators.values().stream().mapToDouble(Double::doubleValue).sum();
        return count(total) + ": " + operators.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey().replaceFirst("^aten::", "") + " " + count(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String count(double value) {
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%d", (long) value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
