package io.rollstream.actor.policy;

import io.rollstream.policy.weights.LocalWeightsStore;
import io.rollstream.schemas.avro.PolicyVersion;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds the local file a {@link PolicyVersion}'s claim check points at: the {@code file:} URI itself when this
 * machine can read it, otherwise the same content address in the local store (a store mounted at another
 * path). Other URI schemes are not readable by this actor and are refused.
 */
public final class WeightsLocator {

    private final LocalWeightsStore store;

    public WeightsLocator(LocalWeightsStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The file to load; its bytes are not verified here (loading hashes them in the same pass). */
    public Path locate(PolicyVersion version) throws IOException {
        URI uri;
        try {
            uri = new URI(version.getWeightsUri());
        } catch (URISyntaxException e) {
            throw new IOException("weightsUri '" + version.getWeightsUri() + "' is not a URI: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("file")) {
            throw new IOException("weightsUri scheme '" + scheme + "' is not supported; expected file:");
        }
        Path direct = Path.of(uri);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        Path stored = store.pathOf(version.getSha256());
        if (Files.isRegularFile(stored)) {
            return stored;
        }
        throw new NoSuchFileException(direct.toString(), stored.toString(),
                "weights of " + version.getPolicyName() + " v" + version.getVersion() + " are in neither place");
    }
}
