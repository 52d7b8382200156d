package io.rollstream.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** One execution of {@code bench} as a user would type it, with its exit code, console text and JSON figures. */
record BenchRun(int exitCode, String output, JsonNode json) {

    static BenchRun execute(Path jsonFile, String... args) throws IOException {
        StringWriter text = new StringWriter();
        CommandLine cli = BenchCommand.commandLine();
        cli.setOut(new PrintWriter(text, true));
        cli.setErr(new PrintWriter(text, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        all.add(jsonFile.toString());
        int code = cli.execute(all.toArray(String[]::new));
        System.out.println(text);
        assertEquals(0, code, text.toString());
        return new BenchRun(code, text.toString(), new ObjectMapper().readTree(jsonFile.toFile()));
    }

    /** The value of the named figure in the JSON file; fails when it is missing. */
    double figure(String name) {
        for (JsonNode figure : json.get("figures")) {
            if (figure.get("name").asText().equals(name)) {
                return figure.get("value").asDouble();
            }
        }
        throw new AssertionError("no figure '" + name + "' in " + json);
    }

    /** Asserts the figure is above zero. */
    void assertPositive(String name) {
        assertTrue(figure(name) > 0, name + " = " + figure(name));
    }
}
