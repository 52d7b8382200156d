package io.rollstream.grader.app;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rollstream.grader.scoring.AnswerChecker;
import io.rollstream.grader.topology.GraderTopology;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A running grader: config, then topology, then {@link KafkaStreams} with exactly-once, plus its meters
 * ({@code rollstream.grader.*}, see {@link GraderMetrics}, and Kafka Streams' own client metrics). The only place the
 * grader turns configuration into Kafka properties.
 */
public final class GraderApp implements AutoCloseable {

    private final KafkaStreams streams;
    private final AnswerChecker checker;
    private final HttpSchemaRegistryClient registry;
    private final MeterRegistry meters;
    private final KafkaStreamsMetrics streamsMetrics;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean failed;
    private boolean closed; // guarded by this

    private GraderApp(GraderConfig config, MeterRegistry meters) {
        this.registry = new HttpSchemaRegistryClient(config.schemaRegistryUrl(), config.login());
        this.checker = new AnswerChecker(config.checker());
        this.meters = meters;
        CatalogSerdes serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
        Topology topology = GraderTopology.build(config.settings(), serdes, checker, new GraderMetrics(meters));
        this.streams = new KafkaStreams(topology, properties(config));
        // Counted down on the first RUNNING, or on a terminal state so a waiter learns of the failure at once.
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR
                    || now == KafkaStreams.State.NOT_RUNNING) {
                running.countDown();
            }
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                failed |= now == KafkaStreams.State.ERROR;
                stopped.countDown();
            }
        });
        this.streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(meters);
        Gauge.builder("rollstream.grader.episodes.open", this, GraderApp::openEpisodes)
                .description("Open episodes held by this instance (approximate)").register(meters);
    }

    /** Starts a grader reporting to {@code meters}; it runs on its own threads until {@link #close()}. */
    public static GraderApp start(GraderConfig config, MeterRegistry meters) {
        GraderApp app = new GraderApp(config, meters);
        app.streams.start();
        return app;
    }

    /** Starts a grader whose meters stay in this process (tests, the demo, benchmarks). */
    public static GraderApp start(GraderConfig config) {
        return start(config, new SimpleMeterRegistry());
    }

    /** The Kafka Streams properties this config maps to. */
    static Properties properties(GraderConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.threads());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        // -1 leaves internal topics (changelogs) at the broker's default replication factor.
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, -1);
        // An attempt can wait behind a slow symbolic check; the checker's own time limit bounds that.
        props.put(StreamsConfig.consumerPrefix("max.poll.interval.ms"), 300_000);
        props.putAll(config.streamsOverrides());
        return config.login().applyTo(props);
    }

    /** Blocks until every stream thread is running, or fails after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws TimeoutException, InterruptedException {
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("grader not running after " + timeout + " (state " + streams.state() + ")");
        }
        if (streams.state() != KafkaStreams.State.RUNNING && streams.state() != KafkaStreams.State.REBALANCING) {
            throw new IllegalStateException("grader stopped while starting: " + streams.state());
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Waits up to {@code timeout} for Kafka Streams to stop (closed, or failed); true once it has. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why the grader stopped by itself: a stream thread failed and Kafka Streams went to ERROR. */
    public Optional<String> failure() {
        return failed ? Optional.of("Kafka Streams stopped in state ERROR; see the log for the cause")
                : Optional.empty();
    }

    public MeterRegistry meters() {
        return meters;
    }

    private double openEpisodes() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return Double.NaN;
        }
        try {
            ReadOnlyKeyValueStore<String, Object> store = streams.store(StoreQueryParameters.fromNameAndType(
                    GraderTopology.EPISODE_STORE, QueryableStoreTypes.keyValueStore()));
            return store.approximateNumEntries();
        } catch (RuntimeException e) {
            return Double.NaN; // stores migrate during a rebalance; the next scrape will see them
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        checker.close();
        registry.close();
    }
}
