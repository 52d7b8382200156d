package io.rollstream.infra.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka (KRaft, combined broker and controller) running inside this JVM, configured so
 * that transactions, consumer groups and Kafka Streams work on one node; its data directory survives restarts.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final String LOG_DIR_NAME = "kraft-combined-logs";
    private static final String META_PROPERTIES = "meta.properties";
    private static final String PORT_FILE = "embedded-kafka.properties";
    private static final String PORT_KEY = "port";
    private static final int BIND_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final int port;
    private final Duration startupTime;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, int port, Duration startupTime) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
        this.startupTime = startupTime;
    }

    /**
     * Formats the data directory when it has never held a broker, then starts the broker and returns once it
     * serves clients.
     *
     * @throws IllegalStateException when the broker cannot start (the cause says why)
     */
    public static EmbeddedKafka start(EmbeddedKafkaConfig config) {
        return start(config, Uuid.randomUuid().toString());
    }

    /** As {@link #start(EmbeddedKafkaConfig)}, formatting a new data directory for the cluster {@code clusterId}. */
    static EmbeddedKafka start(EmbeddedKafkaConfig config, String clusterId) {
        return start(config, clusterId, List.of());
    }

    /**
     * As {@link #start(EmbeddedKafkaConfig, String)}, also writing SCRAM credentials into a new directory's
     * metadata ({@code kafka-storage format --add-scram} arguments), for brokers that log in to each other.
     */
    static EmbeddedKafka start(EmbeddedKafkaConfig config, String clusterId, List<String> scramArguments) {
        long started = System.nanoTime();
        Path logDir = config.dataDir().resolve(LOG_DIR_NAME);
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create broker directory " + logDir, e);
        }
        int requested = requestedPort(config);
        // A free port found up front can be taken by another process before the broker binds it; retry then.
        for (int attempt = 1; ; attempt++) {
            int clientPort = requested == EmbeddedKafkaConfig.FREE_PORT ? freePort() : requested;
            // A restart asks for its old client port, which the OS may offer again as "free" for the controller.
            int controllerPort = freePort();
            while (controllerPort == clientPort) {
                controllerPort = freePort();
            }
            KafkaConfig kafkaConfig = KafkaConfig.fromProps(
                    brokerProperties(config, logDir, clientPort, controllerPort), false);
            formatIfNew(kafkaConfig, logDir, clusterId, scramArguments);
            KafkaRaftServer server = new KafkaRaftServer(kafkaConfig, Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                shutDownQuietly(server);
                boolean retry = isBindFailure(e) && attempt < BIND_ATTEMPTS;
                if (!retry) {
                    throw new IllegalStateException("embedded Kafka failed to start on " + config.dataDir(), e);
                }
                LOG.warn("port taken while starting the embedded broker, trying other ports: {}", e.getMessage());
                continue;
            }
            rememberPort(config.dataDir(), clientPort);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            LOG.info("embedded Kafka started at {}:{} on {} in {} ms", HOST, clientPort, config.dataDir(),
                    took.toMillis());
            return new EmbeddedKafka(server, config.dataDir(), clientPort, took);
        }
    }

    /** The {@code bootstrap.servers} value clients use. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** The directory holding the broker's data. */
    public Path dataDir() {
        return dataDir;
    }

    /** The client port the broker listens on. */
    public int port() {
        return port;
    }

    /** How long {@link #start} took, formatting included. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Shuts the broker down cleanly (logs flushed, controlled shutdown) and waits until it has stopped. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties brokerProperties(EmbeddedKafkaConfig config, Path logDir, int clientPort,
                                               int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        // One node: every internal topic must be satisfiable with a single replica or transactions never start.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("share.coordinator.state.topic.num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("num.partitions", "1");
        // Tests and the demo start groups right away; the default 3 s wait for more members only slows them.
        props.put("group.initial.rebalance.delay.ms", "0");
        // The machine is small and shared: fewer threads and a smaller compaction buffer than a server needs.
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("log.cleaner.threads", "1");
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        props.putAll(config.overrides());
        return props;
    }

    /** Formats with Kafka's own formatter (what {@code kafka-storage.sh format} runs) unless formatted before. */
    private static void formatIfNew(KafkaConfig kafkaConfig, Path logDir, String clusterId,
                                    List<String> scramArguments) {
        if (Files.exists(logDir.resolve(META_PROPERTIES))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(print)
                    .setNodeId(kafkaConfig.nodeId())
                    .setClusterId(clusterId)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName(kafkaConfig.controllerListenerNames().get(0))
                    .setMetadataLogDirectory(kafkaConfig.metadataLogDir())
                    .setDirectories(List.of(logDir.toString()))
                    .setScramArguments(scramArguments)
                    .run();
        } catch (Exception e) {
            if (!scramArguments.isEmpty()) {
                // The formatter's message may quote a SCRAM argument, password included.
                throw new IllegalStateException("cannot format Kafka storage in " + logDir + " with SCRAM credentials ("
                        + e.getClass().getSimpleName() + "; details withheld because they may hold a password)");
            }
            throw new IllegalStateException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
        }
        LOG.debug("formatted {}: {}", logDir, output.toString(StandardCharsets.UTF_8).strip());
    }

    private static int requestedPort(EmbeddedKafkaConfig config) {
        if (config.port() != EmbeddedKafkaConfig.PREVIOUS_PORT) {
            return config.port();
        }
        Path file = config.dataDir().resolve(PORT_FILE);
        if (!Files.exists(file)) {
            return EmbeddedKafkaConfig.FREE_PORT;
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String value = props.getProperty(PORT_KEY);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " holds no valid '" + PORT_KEY + "' (found " + value + ")", e);
        }
    }

    private static void rememberPort(Path dataDir, int port) {
        Properties props = new Properties();
        props.put(PORT_KEY, Integer.toString(port));
        try (Writer writer = Files.newBufferedWriter(dataDir.resolve(PORT_FILE), StandardCharsets.UTF_8)) {
            props.store(writer, "client port of the embedded broker's last start, reused by EmbeddedKafkaConfig.resume");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the broker port in " + dataDir, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static void shutDownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.debug("shutdown after a failed start also failed", e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + ", " + dataDir + "]";
    }

}
