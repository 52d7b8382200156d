package io.rollstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one benchmark run measured: its settings, the machine, every figure, a table that puts the figures side
 * by side, and notes on how to read them. Printed on the console and optionally written as JSON.
 *
 * @param benchmark name of the benchmark, e.g. {@code grader}
 * @param settings  the settings it ran with, in a stable order
 * @param machine   the machine it ran on
 * @param figures   every measured number
 * @param table     the figures arranged for reading side by side
 * @param notes     sentences on what the figures include and exclude
 */
public record BenchReport(String benchmark, Map<String, Object> settings, MachineInfo machine, List<Figure> figures,
                          BenchTable table, List<String> notes) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public BenchReport {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(table, "table");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        figures = List.copyOf(figures);
        notes = List.copyOf(notes);
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("a benchmark report needs at least one figure");
        }
    }

    /** The figure of that name, if it was measured. */
    public Optional<Figure> figure(String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Prints what a run is about to do: its settings and the machine; called before measuring. */
    public static void printHeader(PrintWriter out, String benchmark, Map<String, Object> settings,
                                   MachineInfo machine) {
        out.println("== rollstream bench " + benchmark + " ==");
        out.println("machine:  " + machine.describe());
        out.println("settings:");
        settings.forEach((key, value) -> out.println("  " + key + " = " + value));
        out.flush();
    }

    /** Prints the results: the table, then the notes. */
    public void printResults(PrintWriter out) {
        out.println();
        out.println("== results: rollstream bench " + benchmark + " (" + machine.cores() + " cores) ==");
        out.print(table.render());
        for (String note : notes) {
            out.println("note: " + note);
        }
        out.flush();
    }

    /** The report as JSON: benchmark, settings, machine, figures (name, value, unit), notes. */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("benchmark", benchmark);
        root.put("settings", settings);
        root.put("machine", machine.asMap());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Figure figure : figures) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", figure.name());
            entry.put("value", figure.value());
            entry.put("unit", figure.unit());
            list.add(entry);
        }
        root.put("figures", list);
        root.put("notes", notes);
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** Writes {@link #toJson()} to {@code file}, creating its parent directories. */
    public void writeJson(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson());
    }
}
