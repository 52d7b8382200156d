package io.rollstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One pipeline component in a JVM of its own, started with the command users run, its output in a log file: the
 * scale-out benchmarks' instances.
 */
final class ChildComponent implements AutoCloseable {

    private final String component;
    private final Process process;
    private final Path log;

    private ChildComponent(String component, Process process, Path log) {
        this.component = component;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command}, which runs {@code component} (e.g. {@code grader}), appending its output to {@code log}. */
    static ChildComponent start(String component, List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ChildComponent(component, process, log);
    }

    /** Waits for the "{@code component} started" line, which the command prints once the component runs. */
    void awaitStarted(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(component + " started")) {
                return;
            }
            requireAlive();
            Thread.sleep(100);
        }
        throw new IllegalStateException("a " + component + " JVM did not start within " + limit + "; its log: " + log);
    }

    void requireAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("a " + component + " JVM exited with " + process.exitValue()
                    + "; its log (" + log + "):\n" + Files.readString(log));
        }
    }

    /** SIGTERM, which the command handles by closing the component cleanly; killed after 30 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
