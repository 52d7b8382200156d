package io.rollstream.learner.service;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only JSON-lines file in the run directory whose durable length is recorded in each checkpoint: on
 * restore it is cut back to that length, so lines written after the last checkpoint (updates the restarted
 * learner will redo) never appear twice.
 */
public final class RunLog implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;

    private RunLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens {@code file}, truncated to {@code durableLength} bytes (0 for a fresh run). */
    public static RunLog open(Path file, long durableLength) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.size() > durableLength) {
                channel.truncate(durableLength);
            }
            channel.position(channel.size());
            return new RunLog(file, channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Appends one line (a newline is added). */
    public void append(String jsonLine) throws IOException {
        var buffer = StandardCharsets.UTF_8.encode(jsonLine + "\n");
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Forces the lines to disk and returns the durable length. */
    public long sync() throws IOException {
        channel.force(true);
        return channel.size();
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
