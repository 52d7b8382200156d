package io.rollstream.policy.checkpoint;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint that cannot be loaded: a missing file, a truncated or corrupt file, an unsupported architecture,
 * quantisation or tensor shape. The message always names the file and the key (metadata key or tensor name).
 */
public final class CheckpointException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String key;

    public CheckpointException(Path file, String key, String problem) {
        super(file + ": " + (key == null ? "" : "'" + key + "': ") + problem);
        this.file = file;
        this.key = key;
    }

    public CheckpointException(Path file, String key, String problem, Throwable cause) {
        this(file, key, problem);
        initCause(cause);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The metadata key or tensor name at fault, or null when the file as a whole is. */
    public String key() {
        return key;
    }
}
