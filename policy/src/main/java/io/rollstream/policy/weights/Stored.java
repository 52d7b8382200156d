package io.rollstream.policy.weights;

import java.net.URI;
import java.util.Objects;

/** A file in a weights store: its content address (sha256, lowercase hex), size and where it can be read. */
public record Stored(String sha256, long sizeBytes, URI uri) {

    public Stored {
        Sha256.requireValid(sha256);
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, got " + sizeBytes);
        }
        Objects.requireNonNull(uri, "uri");
    }
}
