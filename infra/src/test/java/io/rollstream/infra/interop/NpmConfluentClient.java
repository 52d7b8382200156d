package io.rollstream.infra.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The npm package {@code @kafkajs/confluent-schema-registry}, installed from the pinned lock file in the
 * test resources and driven through {@code interop.mjs}: a Confluent client in another language, written
 * against Confluent's specification rather than against our code.
 */
final class NpmConfluentClient {

    private static final String RESOURCES = "/interop/";
    private static final List<String> PROJECT_FILES = List.of("package.json", "package-lock.json", "interop.mjs");
    private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_OUTPUT_IN_MESSAGE = 4000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a finished process left behind. */
    private record Outcome(int exitCode, String stdout, String stderr) {
    }

    private final Path projectDir;

    private NpmConfluentClient(Path projectDir) {
        this.projectDir = projectDir;
    }

    /** Why the client cannot run here (no {@code node} or {@code npm} on the PATH), or empty when it can. */
    static Optional<String> missingTool() {
        for (String tool : List.of("node", "npm")) {
            try {
                Outcome version = run(Path.of("").toAbsolutePath(), VERSION_TIMEOUT, tool, "--version");
                if (version.exitCode() != 0) {
                    return Optional.of("'" + tool + " --version' exited with " + version.exitCode());
                }
            } catch (UncheckedIOException e) {
                return Optional.of("'" + tool + "' is not on the PATH: " + e.getCause().getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Installs the pinned packages into {@code npm-interop} beside the test classes (under {@code target/}) with
     * {@code npm ci}, so the versions are exactly those of the lock file.
     *
     * @throws AssertionError when npm fails, since the build machines reach the npm registry
     */
    static NpmConfluentClient install() {
        Path testClasses = resource("package.json").getParent().getParent();
        Path projectDir = testClasses.resolveSibling("npm-interop");
        try {
            Files.createDirectories(projectDir);
            for (String file : PROJECT_FILES) {
                Files.copy(resource(file), projectDir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + projectDir, e);
        }
        // No install scripts: the only one (protobufjs) merely warns about version ranges.
        Outcome outcome = run(projectDir, INSTALL_TIMEOUT, "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts");
        requireSuccess("npm ci in " + projectDir, outcome);
        return new NpmConfluentClient(projectDir);
    }

    /**
     * Decodes one framed record with the npm client and asks it for the subject's latest schema id.
     *
     * @return {@code {"latestSchemaId": n, "record": {...}}}, the record as avsc reads it turned into JSON
     */
    JsonNode decode(String registryUrl, String subject, Path framedRecord) {
        return script("decode", registryUrl, subject, framedRecord);
    }

    /**
     * Has the npm client register its own probe schema under {@code subject} (twice) and write one framed
     * probe record to {@code target}.
     *
     * @return {@code {"registeredId": n, "reRegisteredId": n, "latestSchemaId": n}}
     */
    JsonNode encode(String registryUrl, String subject, Path target) {
        return script("encode", registryUrl, subject, target);
    }

    private JsonNode script(String mode, String registryUrl, String subject, Path file) {
        Outcome outcome = run(projectDir, SCRIPT_TIMEOUT, "node", "interop.mjs", mode, registryUrl, subject,
                file.toAbsolutePath().toString());
        requireSuccess("node interop.mjs " + mode, outcome);
        try {
            return JSON.readTree(outcome.stdout());
        } catch (IOException e) {
            throw new AssertionError("node interop.mjs " + mode + " printed something other than JSON:\n"
                    + tail(outcome.stdout()), e);
        }
    }

    private static Path resource(String name) {
        URL url = NpmConfluentClient.class.getResource(RESOURCES + name);
        if (url == null) {
            throw new IllegalStateException("test resource " + RESOURCES + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("test resource URL " + url + " is not a file", e);
        }
    }

    private static void requireSuccess(String what, Outcome outcome) {
        if (outcome.exitCode() != 0) {
            throw new AssertionError(what + " exited with " + outcome.exitCode() + "\nstdout:\n"
                    + tail(outcome.stdout()) + "\nstderr:\n" + tail(outcome.stderr()));
        }
    }

    /** Runs a command to completion; output goes to files so neither stream can fill its pipe and stall it. */
    private static Outcome run(Path dir, Duration timeout, String... command) {
        Path stdout = null;
        Path stderr = null;
        Process process = null;
        try {
            stdout = Files.createTempFile("interop-out", ".txt");
            stderr = Files.createTempFile("interop-err", ".txt");
            process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                        + "\nstderr:\n" + tail(Files.readString(stderr, StandardCharsets.UTF_8)));
            }
            return new Outcome(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            deleteQuietly(stdout);
            deleteQuietly(stderr);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover file in the temp directory is harmless; the outcome already holds its content.
        }
    }

    private static String tail(String output) {
        return output.length() <= MAX_OUTPUT_IN_MESSAGE ? output
                : "..." + output.substring(output.length() - MAX_OUTPUT_IN_MESSAGE);
    }
}
