package io.rollstream.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs Apache Kafka's own {@code ProducerPerformance} tool, unchanged, in a child JVM on this JVM's class path
 * (its {@code main} exits the JVM, so it cannot run in this one), and parses its summary line.
 */
final class ProducerPerformanceRun {

    static final String TOOL = "org.apache.kafka.tools.ProducerPerformance";

    private ProducerPerformanceRun() {
    }

    /** The command line: the same topic, record count and record size, acks=all and idempotence as ours. */
    static List<String> command(String bootstrapServers, String topic, long records, int recordSize,
                                Map<String, String> producerOverrides) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                // Its printf uses the default locale; pin one whose decimal separator the parser reads.
                "-Duser.language=en", "-Duser.country=US",
                "-cp", System.getProperty("java.class.path"), TOOL,
                "--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all", "enable.idempotence=true"));
        // Later properties win in ProducerPerformance's parsing, as they do in ours.
        new TreeMap<>(producerOverrides).forEach((key, value) -> command.add(key + "=" + value));
        return command;
    }

    /** Runs the tool, echoing its progress lines on {@code out}, and returns its summary. */
    static ProducerPerformanceResult run(String bootstrapServers, String topic, long records, int recordSize,
                                         Map<String, String> producerOverrides, PrintWriter out, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        Process tool = new ProcessBuilder(command(bootstrapServers, topic, records, recordSize, producerOverrides))
                .redirectErrorStream(true).start();
        AtomicReference<ProducerPerformanceResult> summary = new AtomicReference<>();
        Deque<String> tail = new ConcurrentLinkedDeque<>();
        Thread reader = new Thread(() -> follow(tool, out, summary, tail), "producer-performance-output");
        reader.setDaemon(true);
        reader.start();
        if (!tool.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            tool.destroyForcibly();
            throw new TimeoutException(TOOL + " did not finish within " + timeout);
        }
        // The process has exited, so its output ends; the reader only drains what is buffered.
        reader.join(Duration.ofSeconds(10).toMillis());
        if (tool.exitValue() != 0 || summary.get() == null) {
            throw new IllegalStateException(TOOL + " exited with " + tool.exitValue() + " and "
                    + (summary.get() == null ? "no summary line" : "a summary") + "; last output:\n"
                    + String.join("\n", tail));
        }
        return summary.get();
    }

    private static void follow(Process tool, PrintWriter out, AtomicReference<ProducerPerformanceResult> summary,
                               Deque<String> tail) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(tool.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                ProducerPerformanceResult.parseSummary(line).ifPresent(summary::set);
                if (line.contains("records sent")) {
                    out.println("  [ProducerPerformance] " + line.strip());
                    out.flush();
                }
                tail.addLast(line);
                if (tail.size() > 20) {
                    tail.pollFirst();
                }
            }
        } catch (IOException e) {
            tail.addLast("<output unreadable: " + e.getMessage() + ">");
        }
    }
}
