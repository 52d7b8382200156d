package io.rollstream.cli.chaos;

import io.rollstream.cli.RollstreamCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One pipeline component run as a separate JVM on this test's class path, started as users start it
 * ({@code rollstream <component> ...}), so it can be killed with SIGKILL and started again under the same
 * identity. Each incarnation writes to its own log file.
 */
public final class ChildJvm {

    private static final int TAIL_LINES = 40;

    private final String name;
    private final List<String> command;
    private final Path logDir;
    private final List<Path> logs = new ArrayList<>();
    private Process process;
    private int kills;

    private ChildJvm(String name, List<String> command, Path logDir) {
        this.name = name;
        this.command = List.copyOf(command);
        this.logDir = logDir;
    }

    /** A child running {@code rollstream <component> args...}; {@link #start()} launches it. */
    public static ChildJvm of(String name, String component, List<String> jvmOptions, List<String> args, Path logDir) {
        List<String> commandArgs = new ArrayList<>();
        commandArgs.add(component);
        commandArgs.addAll(args);
        return ofMain(name, RollstreamCommand.class, jvmOptions, commandArgs, logDir);
    }

    /** A child running {@code mainClass} from this test's class path with {@code args}. */
    static ChildJvm ofMain(String name, Class<?> mainClass, List<String> jvmOptions, List<String> args, Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        return new ChildJvm(name, command, logDir);
    }

    String name() {
        return name;
    }

    /** Starts a new incarnation; the previous one must have ended. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        Path log = logDir.resolve(name + "-" + (logs.size() + 1) + ".log");
        logs.add(log);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** SIGKILL, then waits until the process is gone: no shutdown hook, no clean leave of the group. */
    synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL for 30 s");
        }
        kills++;
    }

    /** SIGTERM (the clean path), then SIGKILL if it has not stopped within 30 s; returns the exit code. */
    public synchronized int stop() throws InterruptedException {
        if (process == null) {
            return 0;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    synchronized int kills() {
        return kills;
    }

    synchronized int starts() {
        return logs.size();
    }

    /** Everything the current incarnation has printed so far. */
    public synchronized String output() {
        return logs.isEmpty() ? "" : read(logs.get(logs.size() - 1));
    }

    /** Waits up to {@code millis} for the process to end; true if it has. */
    public boolean awaitExit(long millis) throws InterruptedException {
        Process current;
        synchronized (this) {
            current = process;
        }
        return current != null && current.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    /** Incarnations, kills and the number of WARN and ERROR lines logged, then the first ERROR lines. */
    synchronized String logSummary() {
        List<String> lines = logs.stream().flatMap(log -> read(log).lines().map(l -> log.getFileName() + ": " + l))
                .toList();
        List<String> errors = lines.stream().filter(l -> l.contains(" ERROR ")).toList();
        long warnings = lines.stream().filter(l -> l.contains(" WARN ")).count();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s: %d incarnations, %d SIGKILLs, %d WARN "
                + "and %d ERROR log lines", name, logs.size(), kills, warnings, errors.size()));
        errors.stream().limit(5).forEach(l -> text.append("\n      ").append(l, 0, Math.min(l.length(), 300)));
        return text.toString();
    }

    /** The last lines of every incarnation's log, for failure messages. */
    public synchronized String tails() {
        StringBuilder text = new StringBuilder();
        for (Path log : logs) {
            List<String> lines = read(log).lines().toList();
            text.append("---- ").append(log.getFileName()).append(" (last ")
                    .append(Math.min(TAIL_LINES, lines.size())).append(" of ").append(lines.size()).append(" lines)\n");
            lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())
                    .forEach(line -> text.append(line).append('\n'));
        }
        return text.toString();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
