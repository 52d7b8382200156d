package io.rollstream.tasks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared data directory: an explicit path when one is given, otherwise the first {@code shared/data}
 * found beside the working directory or any of its parents (a checkout keeps it next to the repository root).
 */
public final class DataDirectory {

    /** Environment variable that names the data directory; the command line reads it as its default. */
    public static final String ENV = "ROLLSTREAM_DATA_DIR";

    private static final Path RELATIVE = Path.of("shared", "data");

    private DataDirectory() {
    }

    /**
     * The data directory: {@code explicitOrNull} if given (it must exist), else the nearest
     * {@code <ancestor>/shared/data} of {@code workingDirectory}.
     */
    public static Path locate(Path explicitOrNull, Path workingDirectory) {
        if (explicitOrNull != null) {
            if (!Files.isDirectory(explicitOrNull)) {
                throw new IllegalArgumentException("data-dir: " + explicitOrNull + " is not a directory");
            }
            return explicitOrNull;
        }
        for (Path dir = workingDirectory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("data-dir: no shared/data directory beside " + workingDirectory
                + " or its parents; pass --data-dir or set " + ENV);
    }

    /** {@link #locate(Path, Path)} from the process's working directory. */
    public static Path locate(Path explicitOrNull) {
        return locate(explicitOrNull, Path.of("").toAbsolutePath());
    }
}
