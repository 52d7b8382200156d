package io.rollstream.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the JSONL data sets are read from: the copies bundled in this module's jar (the repository's
 * {@code data/} folder, with its licences and provenance), or a directory of the same layout given by the user.
 */
public sealed interface DataSource permits DataSource.Bundled, DataSource.Directory {

    /** Environment variable that names a data directory; the command line reads it as its default. */
    String ENV = "ROLLSTREAM_DATA_DIR";

    /** Opens {@code relative} (e.g. {@code gsm8k/test.jsonl}); the caller closes the stream. */
    InputStream open(String relative) throws IOException;

    /** A name for {@code relative} in error messages. */
    String describe(String relative);

    /** The data sets shipped with Rollstream. */
    static DataSource bundled() {
        return Bundled.INSTANCE;
    }

    /** {@code directoryOrNull} when given (it must be a directory), else the bundled data sets. */
    static DataSource of(Path directoryOrNull) {
        if (directoryOrNull == null) {
            return bundled();
        }
        if (!Files.isDirectory(directoryOrNull)) {
            throw new IllegalArgumentException("data-dir: " + directoryOrNull + " is not a directory");
        }
        return new Directory(directoryOrNull.toAbsolutePath().normalize());
    }

    /** The data sets packaged as class-path resources under {@link #ROOT}. */
    enum Bundled implements DataSource {
        INSTANCE;

        /** Resource folder of the bundled data sets: the repository's {@code data/} folder. */
        public static final String ROOT = "io/rollstream/tasks/data/";

        @Override
        public InputStream open(String relative) throws IOException {
            InputStream in = DataSource.class.getClassLoader().getResourceAsStream(ROOT + relative);
            if (in == null) {
                throw new NoSuchFileException(describe(relative), null, "not in the tasks jar");
            }
            return in;
        }

        @Override
        public String describe(String relative) {
            return "bundled data " + relative;
        }
    }

    /** A directory laid out like the repository's {@code data/} folder. */
    record Directory(Path root) implements DataSource {

        public Directory {
            Objects.requireNonNull(root, "root");
        }

        @Override
        public InputStream open(String relative) throws IOException {
            return Files.newInputStream(root.resolve(relative));
        }

        @Override
        public String describe(String relative) {
            return root.resolve(relative).toString();
        }
    }
}
