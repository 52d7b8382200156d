package io.rollstream.cli.broker;

import io.rollstream.cli.ConfigErrors;
import io.rollstream.infra.security.SecurityCredentials;
import io.rollstream.infra.stack.LocalStack;
import io.rollstream.infra.stack.LocalStackConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollstream broker}: a real Kafka broker, the schema registry and every topic, on this machine. */
@Command(name = "broker",
        header = "Runs a local Kafka broker (KRaft), the schema registry and every topic.", mixinStandardHelpOptions = true,
        description = {
                "Starts a single-node Apache Kafka broker (KRaft mode), a Confluent-compatible schema "
                        + "registry and every Rollstream topic, prints their addresses, and runs until interrupted "
                        + "(Ctrl-C).",
                "Restarting on the same --data-dir keeps topics, records and schemas."})
public final class BrokerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "rollstream-data",
            description = "Directory holding the broker's log and metadata (default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092",
            description = "Kafka listener port; 0 picks a free port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "8081",
            description = "Schema registry HTTP port; 0 picks a free port (default: ${DEFAULT-VALUE}).")
    private int registryPort;

    @Option(names = "--brokers", paramLabel = "N", defaultValue = "1",
            description = "KRaft brokers on loopback, each with its own data directory: 1, or 3 or more for "
                    + "replication factor 3, min.insync.replicas 2 and no unclean leader election on every topic; "
                    + "--port is the first broker's, the others take the next ports (default: ${DEFAULT-VALUE}).")
    private int brokers;

    @Option(names = "--secure",
            description = "SASL/SCRAM-SHA-512 only, least-privilege ACLs per role and a registry behind basic auth;"
                    + " credentials from --credentials-file or ROLLSTREAM_<ROLE>_USER/_PASSWORD (one broker).")
    private boolean secure;

    @Option(names = "--credentials-file", paramLabel = "FILE",
            description = "Properties file with admin.password and <role>.password (and optional .user) keys.")
    private Path credentialsFile;

    @Override
    public Integer call() throws Exception {
        LocalStackConfig config = ConfigErrors.orParameterError(spec,
                () -> new LocalStackConfig(dataDir, port, registryPort, brokers));
        SecurityCredentials credentials = secure ? ConfigErrors.orParameterError(spec, () -> credentialsFile != null
                ? SecurityCredentials.fromFile(credentialsFile) : SecurityCredentials.fromEnvironment(System.getenv()))
                : null;
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        LocalStack stack = secure ? LocalStack.startSecure(config, credentials) : LocalStack.start(config);
        // The JVM stops once shutdown hooks finish, so the hook itself closes the stack (broker last).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "rollstream-broker-shutdown"));
        out.println("Kafka bootstrap servers: " + stack.bootstrapServers());
        out.println("Schema registry:         " + stack.registryUrl());
        out.println("Data directory:          " + dataDir.toAbsolutePath());
        if (secure) {
            out.println("Security:                SASL_PLAINTEXT SCRAM-SHA-512, ACLs per role, registry basic auth");
        }
        out.println(stack.provisionReport().describe());
        out.println("Running; press Ctrl-C to stop.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
