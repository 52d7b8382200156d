package io.rollstream.cli.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code rollstream broker} as a separate process, as a user would, and drives it with
 * Apache Kafka's own command-line tools from the same Maven artifacts.
 */
class BrokerCommandIT {

    private static final Path JAR = Path.of("target", "rollstream.jar");
    private static final String TOOLS_CLASSPATH = Path.of("target", "lib").toAbsolutePath() + "/*";

    @TempDir
    Path dataDir;

    @Test
    void shouldStartWithinFifteenSecondsAndServeKafkasOwnTools() throws Exception {
        assertTrue(Files.exists(JAR), "package the cli first (mvn verify does): " + JAR.toAbsolutePath());
        long started = System.nanoTime();
        Process broker = new ProcessBuilder(java(), "-jar", JAR.toString(), "broker", "--port", "0",
                "--registry-port", "0", "--data-dir", dataDir.toString()).redirectErrorStream(true).start();
        try {
            BlockingQueue<String> lines = follow(broker);
            String bootstrap = awaitValue(lines, "Kafka bootstrap servers:", Duration.ofSeconds(60));
            String registry = awaitValue(lines, "Schema registry:", Duration.ofSeconds(30));
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("rollstream broker up in %d ms at %s, registry %s%n", startup.toMillis(), bootstrap, registry);
            assertTrue(startup.compareTo(Duration.ofSeconds(15)) < 0, "broker took " + startup);

            run(List.of("org.apache.kafka.tools.TopicCommand", "--bootstrap-server", bootstrap, "--create",
                    "--topic", "tools-check", "--partitions", "2", "--replication-factor", "1"), "");
            String listed = run(List.of("org.apache.kafka.tools.TopicCommand", "--bootstrap-server", bootstrap,
                    "--list"), "");
            assertTrue(listed.contains("tools-check") && listed.contains("rl-graded-v1"), listed);
            run(List.of("org.apache.kafka.tools.ConsoleProducer", "--bootstrap-server", bootstrap,
                    "--topic", "tools-check"), "one\ntwo\nthree\n");
            String consumed = run(List.of("org.apache.kafka.tools.consumer.ConsoleConsumer", "--bootstrap-server",
                    bootstrap, "--topic", "tools-check", "--from-beginning", "--max-messages", "3",
                    "--timeout-ms", "30000"), "");
            List<String> values = consumed.lines().filter(l -> l.matches("one|two|three")).sorted().toList();
            assertEquals(List.of("one", "three", "two"), values, consumed);
        } finally {
            broker.destroy();
            assertTrue(broker.waitFor(60, TimeUnit.SECONDS), "broker did not stop on SIGTERM");
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String run(List<String> toolAndArgs, String stdin) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", TOOLS_CLASSPATH));
        command.addAll(toolAndArgs);
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = tool.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(tool.waitFor(90, TimeUnit.SECONDS), "tool did not finish: " + toolAndArgs);
        assertEquals(0, tool.exitValue(), toolAndArgs.get(0) + " failed:\n" + output);
        return output;
    }

    private static BlockingQueue<String> follow(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<output closed: " + e.getMessage() + ">");
            }
        }, "broker-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String awaitValue(BlockingQueue<String> lines, String label, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            seen.append(line).append('\n');
            if (line.startsWith(label)) {
                return line.substring(label.length()).trim();
            }
        }
        throw new AssertionError("no line starting with '" + label + "' within " + timeout + "; output:\n" + seen);
    }
}
