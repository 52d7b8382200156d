package io.rollstream.grader.app;

import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.grader.topology.GraderSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A grader process without the command-line framework, for child JVMs in tests and plain {@code java -cp}
 * deployments: {@code --bootstrap-servers B --schema-registry-url U [--application-id A] [--state-dir D]
 * [--threads N] [--attempt-timeout-ms T] [--metrics-port P] [--streams-config k=v]...}. It runs until SIGTERM.
 */
public final class GraderMain {

    private static final List<String> FLAGS = List.of("--bootstrap-servers", "--schema-registry-url",
            "--application-id", "--state-dir", "--threads", "--attempt-timeout-ms", "--metrics-port", "--streams-config");

    private GraderMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        GraderConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("grader: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        GraderApp app = GraderApp.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "grader-shutdown"));
        stopped.await();
    }

    /** Parses the flags into a config; unknown flags and missing values fail naming the flag. */
    static GraderConfig parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String flag = args[i];
            if (!FLAGS.contains(flag)) {
                throw new IllegalArgumentException("unknown option " + flag + "; options: " + FLAGS);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            if (flag.equals("--streams-config")) {
                String[] kv = args[i + 1].split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("--streams-config takes key=value, got " + args[i + 1]);
                }
                overrides.put(kv[0], kv[1]);
            } else {
                values.put(flag, args[i + 1]);
            }
        }
        GraderSettings settings = new GraderSettings(GraderConfig.GRADER_VERSION,
                Duration.ofMillis(number(values, "--attempt-timeout-ms", 1_800_000)),
                Duration.ofSeconds(1), Duration.ofHours(24));
        return new GraderConfig(
                values.getOrDefault("--bootstrap-servers", "localhost:9092"),
                values.getOrDefault("--schema-registry-url", "http://localhost:8081"),
                values.getOrDefault("--application-id", "rollstream-grader"),
                (int) number(values, "--threads", 1),
                Path.of(values.getOrDefault("--state-dir", System.getProperty("java.io.tmpdir") + "/rollstream-grader")),
                (int) number(values, "--metrics-port", -1),
                settings, CheckerConfig.defaults(), overrides);
    }

    private static long number(Map<String, String> values, String flag, long fallback) {
        String text = values.get(flag);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a whole number, got " + text);
        }
    }
}
