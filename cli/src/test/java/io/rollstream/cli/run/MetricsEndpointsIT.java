package io.rollstream.cli.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.cli.chaos.ChildJvm;
import io.rollstream.infra.stack.LocalStack;
import io.rollstream.infra.stack.LocalStackConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline, each component a child JVM started as {@code rollstream <component> --metrics-port 0}, on
 * the embedded broker with the tiny model: every component's {@code /metrics} is scraped once the pipeline flows
 * and again until its key series have moved, and the series every dashboard needs are there.
 */
class MetricsEndpointsIT {

    private static final Pattern ENDPOINT = Pattern.compile("metrics on http://localhost:(\\d+)/metrics");
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration MOVEMENT = Duration.ofMinutes(3);
    private static final long POLL_MILLIS = 500;
    private static final List<String> JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-Dai.djl.offline=true",
            "-Dai.djl.default_engine=PyTorch");

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    /** One component's series: the counter that must grow, and the series that must exist by the end. */
    private record Component(String name, ChildJvm jvm, String moving, List<String> present) {
    }

    @Test
    void shouldExportEveryComponentsKeySeriesAndMoveThemDuringARun() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStackConfig.onFreePorts(dir.resolve("kafka")))) {
            Path weights = dir.resolve("weights");
            List<String> cluster = List.of("--bootstrap-servers", stack.bootstrapServers(),
                    "--schema-registry-url", stack.registryUrl(), "--metrics-port", "0");
            List<Component> components = List.of(
                    new Component("grader", child("grader", cluster, "--state-dir", dir.resolve("grader").toString(),
                            "--streams-config", "commit.interval.ms=200"),
                            "rollstream_grader_attempts_graded_total",
                            List.of("rollstream_grader_episodes_closed_total", "rollstream_grader_episodes_open",
                                    "rollstream_grader_grading_duration_seconds_count",
                                    "rollstream_grader_attempt_latency_seconds_count",
                                    "kafka_consumer_fetch_manager_records_lag_max")),
                    new Component("learner", child("learner", cluster, "--run-dir", dir.resolve("learner").toString(),
                            "--weights-dir", weights.toString(), "--device", "cpu", "--algorithm", "ppo",
                            "--set", "batchEpisodes=4", "--set", "miniBatchSize=4", "--set", "epochs=1"),
                            "rollstream_learner_trajectories_consumed_total",
                            List.of("rollstream_learner_policy_version", "rollstream_learner_updates",
                                    "rollstream_learner_trajectories_used_total", "rollstream_learner_reward_mean",
                                    "rollstream_learner_accuracy", "rollstream_learner_staleness_mean",
                                    "rollstream_learner_policy_clip_fraction",
                                    "kafka_consumer_fetch_manager_records_lag_max")),
                    new Component("actor", child("actor", cluster, "--actor-id", "metrics-actor",
                            "--weights-dir", weights.toString(), "--device", "cpu", "--batch-size", "8",
                            "--max-batch-wait-ms", "50", "--max-new-tokens", "8", "--session-timeout-ms", "6000"),
                            "rollstream_actor_attempts_total",
                            List.of("rollstream_actor_generated_tokens_total", "rollstream_actor_policy_version",
                                    "rollstream_actor_policy_version_lag",
                                    "rollstream_actor_generation_duration_seconds_count",
                                    "rollstream_actor_dead_letters_total",
                                    "kafka_consumer_fetch_manager_records_lag_max")),
                    new Component("feeder", child("feed", cluster, "--limit", "400", "--rate", "4",
                            "--attempts", "1-2", "--template", "COMPACT", "--max-new-tokens", "8",
                            "--difficulty", "easy"),
                            "rollstream_feeder_prompts_published_total",
                            List.of("rollstream_feeder_questions_published_total",
                                    "rollstream_feeder_prompts_planned")));
            Map<String, Integer> ports = new LinkedHashMap<>();
            try {
                for (Component c : components) {
                    c.jvm().start();
                    ports.put(c.name(), awaitPort(c));
                }
                Map<String, Map<String, Double>> first = new LinkedHashMap<>();
                for (Component c : components) {
                    first.put(c.name(), awaitScrape(c, ports.get(c.name()),
                            series -> c.name().equals("learner") || total(series, c.moving()) > 0, STARTUP));
                }
                // The feeder first: it stops by itself once everything is published; the learner last: its series
                // appear with the first update.
                Map<String, Map<String, Double>> second = new LinkedHashMap<>();
                for (Component c : List.of(components.get(3), components.get(2), components.get(0), components.get(1))) {
                    double before = total(first.get(c.name()), c.moving());
                    second.put(c.name(), awaitScrape(c, ports.get(c.name()), series ->
                            total(series, c.moving()) > before && c.present().stream().allMatch(series::containsKey),
                            MOVEMENT));
                }
                for (Component c : components) {
                    System.out.printf("%s: %s %.0f -> %.0f%n", c.name(), c.moving(),
                            total(first.get(c.name()), c.moving()), total(second.get(c.name()), c.moving()));
                }
                assertTrue(total(second.get("actor"), "rollstream_actor_policy_version") >= 1,
                        "the actor serves a published version");
                assertTrue(total(second.get("learner"), "rollstream_learner_policy_version") >= 1,
                        "the learner reports the version it trains");
            } finally {
                for (Component c : components) {
                    c.jvm().stop();
                }
            }
        }
    }

    private ChildJvm child(String component, List<String> cluster, String... args) {
        List<String> all = new ArrayList<>(cluster);
        all.addAll(List.of(args));
        return ChildJvm.of(component, component, JVM, all, dir);
    }

    private static int awaitPort(Component c) throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = ENDPOINT.matcher(c.jvm().output());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (c.jvm().awaitExit(POLL_MILLIS)) {
                throw new AssertionError(c.name() + " exited before serving metrics:\n" + c.jvm().tails());
            }
        }
        throw new AssertionError(c.name() + " announced no metrics endpoint in " + STARTUP + ":\n" + c.jvm().tails());
    }

    /** Scrapes {@code c} until {@code wanted} holds for its series; fails with the last scrape after {@code timeout}. */
    private Map<String, Double> awaitScrape(Component c, int port, Predicate<Map<String, Double>> wanted,
                                            Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Double> series = scrape(port);
        while (!wanted.test(series)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(c.name() + ": " + c.moving() + " = " + total(series, c.moving())
                        + ", missing " + c.present().stream().filter(s -> !series.containsKey(s)).toList()
                        + "\n" + c.jvm().tails());
            }
            if (c.jvm().awaitExit(POLL_MILLIS)) {
                throw new AssertionError(c.name() + " exited while being scraped:\n" + c.jvm().tails());
            }
            series.clear();
            series.putAll(scrape(port));
        }
        return series;
    }

    /** Every sample of a Prometheus text scrape, summed over labels, by metric name. */
    private Map<String, Double> scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /metrics on " + port + " answered " + response.statusCode());
        }
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int nameEnd = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
            String value = line.substring(line.lastIndexOf(' ') + 1);
            double v = value.equals("NaN") ? 0 : Double.parseDouble(value);
            series.merge(line.substring(0, nameEnd), v, Double::sum);
        }
        return series;
    }

    private static double total(Map<String, Double> series, String name) {
        return series.getOrDefault(name, 0.0);
    }
}
