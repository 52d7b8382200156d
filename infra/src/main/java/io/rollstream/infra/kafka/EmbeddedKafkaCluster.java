package io.rollstream.infra.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * Several real KRaft nodes on loopback in this JVM, each a combined broker and controller of one metadata
 * quorum with its own data directory, replicating every topic three ways with {@code min.insync.replicas=2} and
 * unclean leader election off. Nodes can be stopped and started again one by one, to move partition leaders.
 *
 * <p>Each node is an {@link EmbeddedKafka} with the cluster's settings as overrides; the cluster id and the
 * ports are kept in the data directory, so a restart on the same directory rejoins the same cluster.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    /** Replicas of every topic, the internal ones included (capped at the number of nodes). */
    public static final int REPLICATION_FACTOR = 3;
    /** In-sync replicas an {@code acks=all} write needs (capped at the number of nodes). */
    public static final int MIN_IN_SYNC_REPLICAS = 2;

    private static final String HOST = "127.0.0.1";
    private static final String CLUSTER_FILE = "embedded-cluster.properties";
    private static final String LOCK_FILE = "embedded-cluster.lock";

    private final Path dataDir;
    private final String clusterId;
    private final List<NodeAddress> addresses;
    private final EmbeddedKafka[] nodes;
    private boolean closed;

    /** Where one node listens: its client port and its controller (quorum) port. */
    private record NodeAddress(int nodeId, int clientPort, int controllerPort) {
    }

    private EmbeddedKafkaCluster(Path dataDir, String clusterId, List<NodeAddress> addresses) {
        this.dataDir = dataDir;
        this.clusterId = clusterId;
        this.addresses = List.copyOf(addresses);
        this.nodes = new EmbeddedKafka[addresses.size()];
    }

    /**
     * Starts {@code size} nodes under {@code dataDir} (one directory {@code node-<id>} each) and returns once all
     * serve clients. Client ports are {@code firstPort}, {@code firstPort + 1}, ... or free ports when
     * {@code firstPort} is 0; a directory that held this cluster before keeps its cluster id and ports.
     *
     * @throws IllegalStateException when a node cannot start (the cause says why)
     */
    public static EmbeddedKafkaCluster start(Path dataDir, int size, int firstPort) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, got " + size);
        }
        if (firstPort < 0 || firstPort + size - 1 > 65_535) {
            throw new IllegalArgumentException("firstPort must be 0 (free ports) or leave room for " + size
                    + " ports below 65536, got " + firstPort);
        }
        Path root = dataDir.toAbsolutePath();
        EmbeddedKafkaCluster cluster = layout(root, size, firstPort);
        // The metadata quorum needs a majority of its voters before any node finishes starting, so all start at once.
        ExecutorService starters = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, "embedded-kafka-cluster-start");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> started = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                int index = i;
                started.add(starters.submit(() -> cluster.startAt(index)));
            }
            for (Future<?> future : started) {
                future.get();
            }
            return cluster;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cluster.close();
            throw new IllegalStateException("interrupted while starting the cluster in " + root, e);
        } catch (ExecutionException e) {
            cluster.close();
            throw new IllegalStateException("the cluster in " + root + " failed to start: " + e.getCause(), e.getCause());
        } finally {
            starters.shutdownNow();
        }
    }

    /** The {@code bootstrap.servers} value naming every node. */
    public String bootstrapServers() {
        return addresses.stream().map(a -> HOST + ":" + a.clientPort()).collect(Collectors.joining(","));
    }

    /** Number of nodes, running or stopped. */
    public int size() {
        return addresses.size();
    }

    /** The cluster id every node was formatted with. */
    public String clusterId() {
        return clusterId;
    }

    /** The node ids, from 1. */
    public List<Integer> nodeIds() {
        return addresses.stream().map(NodeAddress::nodeId).toList();
    }

    /** The running node with this id. */
    public synchronized EmbeddedKafka node(int nodeId) {
        EmbeddedKafka node = nodes[index(nodeId)];
        if (node == null) {
            throw new IllegalStateException("node " + nodeId + " is stopped");
        }
        return node;
    }

    /** Whether the node with this id is running. */
    public synchronized boolean isRunning(int nodeId) {
        return nodes[index(nodeId)] != null;
    }

    /** Shuts one node down cleanly (controlled shutdown moves its leaderships) and waits until it has stopped. */
    public void stopNode(int nodeId) {
        EmbeddedKafka node;
        synchronized (this) {
            int i = index(nodeId);
            node = nodes[i];
            nodes[i] = null;
        }
        if (node != null) {
            node.close();
        }
    }

    /** Starts a stopped node again on its data directory and ports; it rejoins the quorum and catches up. */
    public void restartNode(int nodeId) {
        startAt(index(nodeId));
    }

    /**
     * The cluster laid out under {@code dataDir} (its cluster id and ports recorded there, or new ones recorded now)
     * with no node running: each node can then be started on its own with {@link #startNode(int)}, in this process
     * or in one process per node on the same layout. Arguments as for {@link #start(Path, int, int)}.
     */
    public static EmbeddedKafkaCluster prepare(Path dataDir, int size, int firstPort) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, got " + size);
        }
        return layout(dataDir.toAbsolutePath(), size, firstPort);
    }

    /**
     * Starts this one node of the layout and returns once it serves clients, which needs a majority of the
     * quorum's voters running (in this process or others). A running node is left as it is.
     */
    public void startNode(int nodeId) {
        startAt(index(nodeId));
    }

    /**
     * Stops every running node, all at once: a node stopping after the others would wait minutes for a quorum
     * that is gone to approve its controlled shutdown.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        ExecutorService stoppers = Executors.newFixedThreadPool(size(), r -> {
            Thread t = new Thread(r, "embedded-kafka-cluster-stop");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> stopped = new ArrayList<>();
            for (NodeAddress address : addresses) {
                stopped.add(stoppers.submit(() -> stopNode(address.nodeId())));
            }
            RuntimeException failure = null;
            for (Future<?> future : stopped) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    failure = failure == null ? new IllegalStateException("a node failed to stop", e.getCause()) : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the cluster in " + dataDir, e);
        } finally {
            stoppers.shutdown();
        }
    }

    private void startAt(int index) {
        synchronized (this) {
            if (nodes[index] != null) {
                return;
            }
        }
        NodeAddress address = addresses.get(index);
        EmbeddedKafkaConfig config = new EmbeddedKafkaConfig(nodeDir(address.nodeId()), address.clientPort(),
                nodeOverrides(address));
        EmbeddedKafka node = EmbeddedKafka.start(config, clusterId);
        synchronized (this) {
            nodes[index] = node;
        }
    }

    private Map<String, String> nodeOverrides(NodeAddress self) {
        int replicas = Math.min(REPLICATION_FACTOR, size());
        int minInSync = Math.min(MIN_IN_SYNC_REPLICAS, replicas);
        String voters = addresses.stream().map(a -> a.nodeId() + "@" + HOST + ":" + a.controllerPort())
                .collect(Collectors.joining(","));
        return Map.ofEntries(
                Map.entry("node.id", Integer.toString(self.nodeId())),
                Map.entry("controller.quorum.voters", voters),
                Map.entry("listeners", "PLAINTEXT://" + HOST + ":" + self.clientPort() + ",CONTROLLER://" + HOST + ":"
                        + self.controllerPort()),
                Map.entry("advertised.listeners", "PLAINTEXT://" + HOST + ":" + self.clientPort()),
                Map.entry("default.replication.factor", Integer.toString(replicas)),
                Map.entry("min.insync.replicas", Integer.toString(minInSync)),
                Map.entry("unclean.leader.election.enable", "false"),
                Map.entry("offsets.topic.replication.factor", Integer.toString(replicas)),
                Map.entry("transaction.state.log.replication.factor", Integer.toString(replicas)),
                Map.entry("transaction.state.log.min.isr", Integer.toString(minInSync)),
                Map.entry("share.coordinator.state.topic.replication.factor", Integer.toString(replicas)),
                Map.entry("share.coordinator.state.topic.min.isr", Integer.toString(minInSync)));
    }

    private Path nodeDir(int nodeId) {
        return dataDir.resolve("node-" + nodeId);
    }

    private int index(int nodeId) {
        if (nodeId < 1 || nodeId > addresses.size()) {
            throw new IllegalArgumentException("no node " + nodeId + "; nodes are 1.." + addresses.size());
        }
        return nodeId - 1;
    }

    /**
     * The cluster id and ports recorded in {@code root}, or new ones recorded there; a lock file keeps processes
     * that lay out the same directory at once from recording two layouts.
     */
    private static EmbeddedKafkaCluster layout(Path root, int size, int firstPort) {
        try {
            Files.createDirectories(root);
            try (FileChannel lock = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock held = lock.lock()) {
                return layoutLocked(root, size, firstPort);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the cluster layout in " + root, e);
        }
    }

    private static EmbeddedKafkaCluster layoutLocked(Path root, int size, int firstPort) {
        Path file = root.resolve(CLUSTER_FILE);
        Properties props = new Properties();
        try {
            Files.createDirectories(root);
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    props.load(reader);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cluster layout in " + root, e);
        }
        if (!props.isEmpty()) {
            int recorded = Integer.parseInt(props.getProperty("nodes"));
            if (recorded != size) {
                throw new IllegalStateException(root + " holds a cluster of " + recorded + " nodes, not " + size);
            }
        } else {
            props.setProperty("cluster.id", Uuid.randomUuid().toString());
            props.setProperty("nodes", Integer.toString(size));
            for (int id = 1; id <= size; id++) {
                props.setProperty("node." + id + ".port", Integer.toString(firstPort == 0 ? EmbeddedKafka.freePort() : firstPort + id - 1));
                props.setProperty("node." + id + ".controller.port", Integer.toString(EmbeddedKafka.freePort()));
            }
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                props.store(writer, "cluster id and ports of the embedded cluster, reused when it starts again here");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record the cluster layout in " + root, e);
            }
        }
        List<NodeAddress> addresses = IntStream.rangeClosed(1, size)
                .mapToObj(id -> new NodeAddress(id, Integer.parseInt(props.getProperty("node." + id + ".port")),
                        Integer.parseInt(props.getProperty("node." + id + ".controller.port"))))
                .toList();
        return new EmbeddedKafkaCluster(root, props.getProperty("cluster.id"), addresses);
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaCluster[" + bootstrapServers() + ", " + dataDir + "]";
    }
}
