package io.rollstream.cli.chaos;

import io.rollstream.infra.kafka.EmbeddedKafkaCluster;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * One node of an {@link EmbeddedKafkaCluster} in a JVM of its own, so a test can SIGKILL a single broker:
 * {@code ClusterNodeMain <data-dir> <nodes> <node-id>} on a layout already prepared in {@code data-dir}. Prints
 * {@link #READY} once the node serves clients, and runs until the process is stopped.
 */
public final class ClusterNodeMain {

    /** The line printed once the node serves clients. */
    static final String READY = "cluster node ready";

    private ClusterNodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ClusterNodeMain <data-dir> <nodes> <node-id>");
        }
        EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.prepare(Path.of(args[0]), Integer.parseInt(args[1]), 0);
        int nodeId = Integer.parseInt(args[2]);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.stopNode(nodeId);
            stopped.countDown();
        }, "cluster-node-shutdown"));
        cluster.startNode(nodeId);
        System.out.println(READY + ": node " + nodeId + " at " + cluster.node(nodeId).bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
