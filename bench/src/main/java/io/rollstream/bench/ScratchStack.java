package io.rollstream.bench;

import io.rollstream.infra.stack.LocalStack;
import io.rollstream.infra.stack.LocalStackConfig;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A private embedded stack for one benchmark run: a real KRaft broker, the schema registry and every topic, in a
 * fresh temporary directory on free ports, removed again when closed, so runs never see each other's records.
 */
final class ScratchStack implements AutoCloseable {

    private final Path dir;
    private final LocalStack stack;
    private final HttpSchemaRegistryClient registry;
    private final CatalogSerdes serdes;

    private ScratchStack(Path dir, LocalStack stack) {
        this.dir = dir;
        this.stack = stack;
        this.registry = new HttpSchemaRegistryClient(stack.registryUrl());
        this.serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
    }

    /** Starts the stack in a new temporary directory and says so on {@code out}. */
    static ScratchStack start(PrintWriter out) throws IOException {
        Path dir = Files.createTempDirectory("rollstream-bench-");
        out.println("starting the embedded broker and schema registry in " + dir + " ...");
        out.flush();
        long started = System.nanoTime();
        LocalStack stack;
        try {
            stack = LocalStack.start(LocalStackConfig.onFreePorts(dir.resolve("kafka")));
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
        out.println(String.format(Locale.ROOT, "broker %s, registry %s, up in %.1f s", stack.bootstrapServers(),
                stack.registryUrl(), (System.nanoTime() - started) / 1e9));
        out.flush();
        return new ScratchStack(dir, stack);
    }

    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    String registryUrl() {
        return stack.registryUrl();
    }

    /** Serdes on the stack's registry, registering schemas on first use; schema ids are cached after that. */
    CatalogSerdes serdes() {
        return serdes;
    }

    /** A directory inside the scratch area for a component's own files (e.g. Kafka Streams state). */
    Path directory(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    @Override
    public void close() {
        try {
            registry.close();
            stack.close();
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the benchmark directory " + root, e);
        }
    }
}
