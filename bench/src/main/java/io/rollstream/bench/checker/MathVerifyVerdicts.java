package io.rollstream.bench.checker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HuggingFace math-verify's verdicts on a corpus, from the script bundled with this module run by a Python
 * interpreter that has the {@code math-verify} package.
 */
public final class MathVerifyVerdicts {

    /** Exit code of the script when {@code math_verify} cannot be imported. */
    static final int NOT_IMPORTABLE = 3;
    static final String SCRIPT = "math_verify_verdicts.py";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What math-verify said.
     *
     * @param version the math-verify package version that decided
     * @param equal   per pair id, whether it found the response equal to the truth
     * @param errors  per pair id, the exception it raised on that pair (counted as not equal)
     */
    public record Verdicts(String version, Map<String, Boolean> equal, Map<String, String> errors) {
        public Verdicts {
            equal = Map.copyOf(equal);
            errors = Map.copyOf(errors);
        }
    }

    /** The Python interpreter cannot run math-verify: it is missing, or the package is not installed for it. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    private MathVerifyVerdicts() {
    }

    /** Runs the script with {@code python} on {@code pairs} in {@code workDir}; fails past {@code timeout}. */
    public static Verdicts run(String python, List<AnswerPair> pairs, Path workDir, Duration timeout)
            throws Unavailable, IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path script = workDir.resolve(SCRIPT);
        try (InputStream in = MathVerifyVerdicts.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the class path");
            }
            Files.write(script, in.readAllBytes());
        }
        Path input = workDir.resolve("pairs.jsonl");
        Path output = workDir.resolve("math-verify-verdicts.jsonl");
        try (Writer out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (AnswerPair pair : pairs) {
                Map<String, String> line = new LinkedHashMap<>();
                line.put("id", pair.id());
                line.put("response", pair.response());
                line.put("truth", pair.truth());
                out.write(JSON.writeValueAsString(line));
                out.write('\n');
            }
        }
        Path log = workDir.resolve("math-verify.log");
        Process process;
        try {
            process = new ProcessBuilder(python, script.toString(), input.toString(), output.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new Unavailable("cannot run '" + python + "': " + e.getMessage());
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("math-verify took longer than " + timeout + " on " + pairs.size()
                    + " pairs; its output is in " + log);
        }
        String said = Files.readString(log, StandardCharsets.UTF_8).trim();
        if (process.exitValue() == NOT_IMPORTABLE) {
            throw new Unavailable(said + "\ninstall it with: " + python + " -m pip install -r ops/requirements-test.txt");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("math-verify exited with " + process.exitValue() + ": " + said);
        }
        return read(output, pairs.size());
    }

    private static Verdicts read(Path output, int expected) {
        List<String> lines;
        try {
            lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + output, e);
        }
        Map<String, Boolean> equal = new HashMap<>();
        Map<String, String> errors = new HashMap<>();
        String version = "unknown";
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (IOException e) {
                throw new IllegalStateException("unreadable line in " + output + ": " + line, e);
            }
            if (node.has("math_verify")) {
                version = node.get("math_verify").asText();
                continue;
            }
            String id = node.get("id").asText();
            equal.put(id, node.get("equal").asBoolean());
            if (node.has("error")) {
                errors.put(id, node.get("error").asText());
            }
        }
        if (equal.size() != expected) {
            throw new IllegalStateException(output + " has " + equal.size() + " verdicts for " + expected + " pairs");
        }
        return new Verdicts(version, equal, errors);
    }
}
