package io.rollstream.cli.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollstream.eval.stats.Interval;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What every experiment shares: checks of its settings, its report files, intervals in JSON, shares in words. */
final class Experiments {

    /**
     * The files written.
     *
     * @param markdown report.md
     * @param json     report.json
     */
    record Written(Path markdown, Path json) {
    }

    private Experiments() {
    }

    /** Writes report.md and report.json (indented) into {@code dir}. */
    static Written write(Path dir, CharSequence markdown, ObjectNode json) {
        Path mdFile = dir.resolve("report.md");
        Path jsonFile = dir.resolve("report.json");
        try {
            Files.writeString(mdFile, markdown);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir, e);
        }
        return new Written(mdFile, jsonFile);
    }

    /** {mean, low, high} as a JSON object. */
    static ObjectNode interval(Interval i) {
        return new ObjectMapper().createObjectNode().put("mean", i.mean()).put("low", i.low()).put("high", i.high());
    }

    /** part / whole as a percentage with one decimal, or a dash when whole is 0. */
    static String share(int part, int whole) {
        return whole == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    /** A setting below its least value is refused, named as its option. */
    static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": must be >= " + min + ", got " + value);
        }
    }

    /** Seeds must be given and distinct; an external cluster needs both its addresses. */
    static void requireSeedsAndCluster(List<Long> seeds, String bootstrapServers, String schemaRegistryUrl) {
        if (seeds.isEmpty() || seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException("seeds: give one or more distinct seeds, got " + seeds);
        }
        if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
            throw new IllegalArgumentException(
                    "bootstrap-servers and schema-registry-url: give both to use an external cluster, or neither");
        }
    }
}
