package io.rollstream.cli.chaos;

import io.rollstream.bench.soak.SoakPolicy;
import io.rollstream.schemas.serde.CatalogSerdes;
import java.nio.file.Path;

/** Publishes version 1 of the default policy: untrained tiny weights in a local store, as the actors load it. */
final class TinyPolicy {

    static final String POLICY = "default";

    private TinyPolicy() {
    }

    /** Writes the weights under {@code weightsDir} and publishes the version record pointing at them. */
    static void publish(StackAddress stack, CatalogSerdes serdes, Path weightsDir, Path scratch) throws Exception {
        publish(stack.bootstrapServers(), serdes, weightsDir, scratch);
    }

    /** Like {@link #publish(StackAddress, CatalogSerdes, Path, Path)} on any cluster. */
    static void publish(String bootstrapServers, CatalogSerdes serdes, Path weightsDir, Path scratch) throws Exception {
        SoakPolicy.publish(bootstrapServers, serdes, POLICY, weightsDir, scratch);
    }
}
