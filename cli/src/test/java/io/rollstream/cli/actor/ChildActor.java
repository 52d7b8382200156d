package io.rollstream.cli.actor;

import io.rollstream.cli.RollstreamCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An actor in a child JVM started as users start one, {@code rollstream actor ...}, on this test's class path, so
 * it can be killed for real.
 */
public final class ChildActor {

    private final Process process;
    private final Path log;

    private ChildActor(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code rollstream actor} with {@code flags}; its output goes to {@code log}. */
    public static ChildActor start(List<String> flags, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Dai.djl.offline=true");
        command.add("-Dai.djl.default_engine=PyTorch");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RollstreamCommand.class.getName());
        command.add("actor");
        command.addAll(flags);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new ChildActor(builder.start(), log);
    }

    public Process process() {
        return process;
    }

    /** Everything the child printed so far. */
    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
