package io.rollstream.policy.weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A content-addressed store for weight files: the learner puts a file and publishes its sha256, actors get
 * it by that sha256 and load it only once its bytes are verified.
 */
public interface WeightsStore {

    /** Stores a copy of {@code file} under its sha256; storing the same bytes twice is harmless. */
    Stored put(Path file) throws IOException;

    /**
     * A local path holding the verified bytes for {@code sha256}; {@link java.nio.file.NoSuchFileException}
     * when absent, {@link WeightsCorruptedException} when the stored bytes no longer match.
     */
    Path get(String sha256) throws IOException;

    /** True when {@code file} exists and its bytes hash to {@code sha256}. */
    default boolean verify(Path file, String sha256) throws IOException {
        Sha256.requireValid(sha256);
        return Files.isRegularFile(file) && Sha256.ofFile(file).equals(sha256);
    }
}
