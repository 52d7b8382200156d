package io.rollstream.policy.weights;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A {@link WeightsStore} in a local directory: {@code root/ab/abcdef….bin} for sha256 {@code abcdef…}. A put
 * copies into a temporary file while hashing and then moves it into place atomically, so a reader sees a
 * complete file or none, and concurrent puts of the same bytes agree.
 */
public final class LocalWeightsStore implements WeightsStore {

    private final Path root;

    /** A store rooted at {@code root}, created on first put. */
    public LocalWeightsStore(Path root) {
        this.root = root.toAbsolutePath();
    }

    /** The directory holding the files. */
    public Path root() {
        return root;
    }

    @Override
    public Stored put(Path file) throws IOException {
        Files.createDirectories(root);
        Path temporary = Files.createTempFile(root, "put-", ".tmp");
        try {
            MessageDigest digest = Sha256.newDigest();
            try (InputStream in = Files.newInputStream(file);
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), digest)) {
                in.transferTo(out);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            Path target = pathOf(sha256);
            Files.createDirectories(target.getParent());
            if (!Files.exists(target) || !verify(target, sha256)) {
                moveIntoPlace(temporary, target);
            }
            return new Stored(sha256, Files.size(target), target.toUri());
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public Path get(String sha256) throws IOException {
        Path path = pathOf(sha256);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no weights stored for sha256 " + sha256);
        }
        if (!verify(path, sha256)) {
            throw new WeightsCorruptedException("stored weights " + path + " no longer hash to " + sha256);
        }
        return path;
    }

    /** Where the file for {@code sha256} lives (whether or not it exists). */
    public Path pathOf(String sha256) {
        Sha256.requireValid(sha256);
        return root.resolve(sha256.substring(0, 2)).resolve(sha256 + ".bin");
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            // Same directory tree, so this only happens on exotic file systems; a plain replace is still correct.
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
