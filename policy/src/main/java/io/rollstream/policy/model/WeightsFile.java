package io.rollstream.policy.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/** A saved model: the file, the sha256 of its bytes (lowercase hex) and its size. */
public record WeightsFile(Path path, String sha256, long sizeBytes) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public WeightsFile {
        Objects.requireNonNull(path, "path");
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, got " + sha256);
        }
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("sizeBytes must be positive, got " + sizeBytes);
        }
    }
}
