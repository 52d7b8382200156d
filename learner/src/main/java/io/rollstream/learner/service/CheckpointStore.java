package io.rollstream.learner.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoint directories under {@code root}: each is written as a hidden temporary directory, every file synced,
 * renamed into place, and only then named by the {@code LATEST} pointer (replaced atomically). A crash at any
 * moment leaves {@code LATEST} naming a complete checkpoint or none. The newest {@link #KEEP} are kept.
 */
public final class CheckpointStore {

    static final int KEEP = 2;
    private static final String LATEST = "LATEST";

    private final Path root;

    public CheckpointStore(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** The checkpoint {@code LATEST} names, if any. */
    public Optional<Path> latest() throws IOException {
        Path pointer = root.resolve(LATEST);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        Path dir = root.resolve(Files.readString(pointer, StandardCharsets.UTF_8).trim());
        if (!Files.isDirectory(dir)) {
            throw new IOException("checkpoint pointer names missing directory " + dir);
        }
        return Optional.of(dir);
    }

    /** A fresh, empty temporary directory to write checkpoint {@code update} into. */
    public Path begin(long update) throws IOException {
        Files.createDirectories(root);
        Path temporary = root.resolve(".tmp-" + name(update));
        deleteTree(temporary);
        return Files.createDirectories(temporary);
    }

    /** Makes the directory from {@link #begin} durable and the latest; returns its final path. */
    public Path commit(Path temporary, long update) throws IOException {
        try (Stream<Path> files = Files.list(temporary)) {
            for (Path file : files.toList()) {
                fsync(file);
            }
        }
        Path target = root.resolve(name(update));
        deleteTree(target);
        move(temporary, target);
        fsync(root);
        Path pointer = root.resolve(LATEST + ".tmp");
        Files.writeString(pointer, name(update), StandardCharsets.UTF_8);
        fsync(pointer);
        move(pointer, root.resolve(LATEST));
        fsync(root);
        prune(target);
        return target;
    }

    private void prune(Path newest) throws IOException {
        List<Path> all;
        try (Stream<Path> dirs = Files.list(root)) {
            all = dirs.filter(p -> p.getFileName().toString().startsWith("ckpt-"))
                    .sorted(Comparator.comparing(Path::toString).reversed()).toList();
        }
        for (int i = KEEP; i < all.size(); i++) {
            if (!all.get(i).equals(newest)) {
                deleteTree(all.get(i));
            }
        }
    }

    private static String name(long update) {
        return String.format(Locale.ROOT, "ckpt-%012d", update);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Forces a file's (or a directory's entries') bytes to disk. */
    static void fsync(Path path) throws IOException {
        boolean directory = Files.isDirectory(path);
        try (FileChannel channel = FileChannel.open(path, directory
                ? new StandardOpenOption[] {StandardOpenOption.READ}
                : new StandardOpenOption[] {StandardOpenOption.WRITE})) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open directories for sync; the rename is still ordered after the files.
            if (!directory) {
                throw e;
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
