package io.rollstream.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One pipeline component in a JVM of its own, started with the command users run: the scale-out benchmarks'
 * instances. A thread copies its output to a log file and watches it for the line the command prints once the
 * component runs.
 */
final class ChildComponent implements AutoCloseable {

    private final String component;
    private final Process process;
    private final Path log;
    /** True once the "started" line was printed, false if the output ended without it. */
    private final CompletableFuture<Boolean> started = new CompletableFuture<>();

    private ChildComponent(String component, Process process, Path log) {
        this.component = component;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command}, which runs {@code component} (e.g. {@code grader}), its output going to {@code log}. */
    static ChildComponent start(String component, List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ChildComponent child = new ChildComponent(component, process, log);
        Thread copier = new Thread(child::copyOutput, component + "-output");
        copier.setDaemon(true);
        copier.start();
        return child;
    }

    private void copyOutput() {
        String marker = component + " started";
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = output.readLine()) != null) {
                file.write(line);
                file.write(System.lineSeparator());
                if (!started.isDone() && line.contains(marker)) {
                    file.flush();
                    started.complete(true);
                }
            }
        } catch (IOException e) {
            started.completeExceptionally(new UncheckedIOException("reading the " + component + " JVM's output", e));
            return;
        }
        started.complete(false);
    }

    /** Waits for the "{@code component} started" line, which the command prints once the component runs. */
    void awaitStarted(Duration limit) throws IOException, InterruptedException {
        boolean running;
        try {
            running = started.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("a " + component + " JVM did not start within " + limit + "; its log: "
                    + log, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
        if (!running) {
            process.waitFor(10, TimeUnit.SECONDS);
            requireAlive();
            throw new IllegalStateException("a " + component + " JVM closed its output without starting; its log: "
                    + log);
        }
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
