package io.rollstream.infra.registry;

import io.javalin.Javalin;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry speaking the subset of Confluent's REST API that Avro serdes use, storing everything in
 * the compacted single-partition Kafka topic {@code _schemas} so that any number of instances agree.
 *
 * <p>Storage. Each instance reads {@code _schemas} from the beginning into memory before it answers and keeps
 * following it. A write appends one record and answers only once this instance has read that record back, so
 * a client sees its own write on the instance it used (other instances see it as soon as they read that far).
 * Keys and values are JSON, keys written with their fields in a fixed order:
 * <ul>
 *   <li>registration: key {@code {"keytype":"SCHEMA","subject":S,"version":V,"proposal":UUID}}, value
 *       {@code {"subject":S,"version":V,"schemaType":"AVRO","schema":CANONICAL_AVRO_JSON}};</li>
 *   <li>compatibility level: key {@code {"keytype":"CONFIG","subject":S}} (no {@code subject} for the global
 *       level), value {@code {"compatibilityLevel":"FULL"}}; compaction keeps the latest per key.</li>
 * </ul>
 *
 * <p>Ordering and races. Records are applied in log order. A registration record is a proposal: it takes
 * version V of subject S only when V is still the next version when it is applied; its schema id is the id
 * the same schema already has anywhere in the registry, otherwise the largest id so far plus one. So when two
 * instances race, the earlier record in the log wins; the loser sees its proposal rejected, checks
 * compatibility again against the new latest version and proposes the next version. Every proposal has its
 * own key, so compaction never removes a registration and never reorders proposals; replaying the log always
 * yields the same subjects, versions and ids. Levels take effect from their position in the log and are not
 * re-checked on replay, because compaction may drop old levels.
 *
 * <p>Errors follow Confluent: 40401 unknown subject, 40402 unknown version, 40403 unknown schema, 40408 no
 * subject-level compatibility (or the global level with {@code ?defaultToGlobal=true}), 40901 incompatible,
 * 42201 invalid schema, 42202 invalid version, 42203 invalid compatibility level, 50001/50002 storage failure.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_HTTP_THREADS = 16;
    private static final int MIN_HTTP_THREADS = 2;

    private final Javalin app;
    private final SchemaLog log;
    private final String url;
    private boolean closed;

    private EmbeddedSchemaRegistry(Javalin app, SchemaLog log, String url) {
        this.app = app;
        this.log = log;
        this.url = url;
    }

    /**
     * Creates {@code _schemas} when missing, reads it to its end, then starts serving HTTP.
     *
     * @throws IllegalStateException when Kafka cannot be reached or the port cannot be bound
     */
    public static EmbeddedSchemaRegistry start(RegistryConfig config) {
        return start(config, Map.of(), null);
    }

    /**
     * As {@link #start(RegistryConfig)} on a secure cluster: {@code kafkaClientProperties} log the registry's
     * Kafka clients in (see {@code SaslClients}), and every HTTP request must pass {@code access}.
     */
    public static EmbeddedSchemaRegistry start(RegistryConfig config, Map<String, Object> kafkaClientProperties,
                                               RegistryAccess access) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(kafkaClientProperties, "kafkaClientProperties");
        long started = System.nanoTime();
        RegistryState state = new RegistryState();
        SchemaLog log = SchemaLog.open(config.bootstrapServers(), kafkaClientProperties, state, STORE_TIMEOUT);
        SchemaRegistryService service = new SchemaRegistryService(state, log);
        Javalin app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.startupWatcherEnabled = false;
            QueuedThreadPool threads = new QueuedThreadPool(MAX_HTTP_THREADS, MIN_HTTP_THREADS);
            threads.setName("schema-registry-http");
            javalin.jetty.threadPool = threads;
        });
        if (access != null) {
            access.install(app);
        }
        RegistryRoutes.install(app, service);
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            log.close();
            throw new IllegalStateException("schema registry cannot listen on " + config.host() + ":"
                    + config.port(), e);
        }
        String url = "http://" + config.host() + ":" + app.port();
        LOG.info("schema registry at {} on {} started in {} ms", url, config.bootstrapServers(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new EmbeddedSchemaRegistry(app, log, url);
    }

    /** Base URL for clients, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return url;
    }

    /** Stops serving HTTP, then stops following the topic. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        app.stop();
        log.close();
    }

    @Override
    public String toString() {
        return "EmbeddedSchemaRegistry[" + url + "]";
    }
}
