package io.rollstream.bench;

import io.rollstream.bench.soak.SoakPolicy;
import io.rollstream.feeder.FeedConfig;
import io.rollstream.feeder.Feeder;
import io.rollstream.schemas.avro.PromptOrigin;
import io.rollstream.schemas.avro.ProtocolTemplate;
import io.rollstream.schemas.topics.Topics;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.DataSource;
import io.rollstream.tasks.Dataset;
import io.rollstream.tasks.SyntheticDifficulty;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The actors scaled out: for each instance count, a fresh embedded stack, an untrained {@code tiny} policy, that
 * many actor JVMs (the {@code rollstream actor} command users run, one consumer group) sharing the prompts topic's
 * partitions, and one batch of single-attempt prompts they answer. The clock starts once every actor runs and has
 * answered a warm-up batch a quarter the size, and the measured prompts are first sent; it stops when their last
 * attempt is committed. No grader runs: an attempt is the actor's whole output.
 */
public final class ActorScaleOut {

    private static final String POLICY = "bench-scale-out";
    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    private static final Duration IDLE_LIMIT = Duration.ofMinutes(2);

    /**
     * What to measure.
     *
     * @param instances    instance counts, each measured on a stack of its own
     * @param prompts      prompts answered in the measured batch
     * @param maxNewTokens tokens an answer may have (an untrained policy rarely stops before)
     * @param batchSize    prompts an actor generates together
     * @param seed         seed of the questions and of the actors' sampling
     * @param command      how to start one actor JVM: the java executable, its options and the main class;
     *                     {@code actor} and its flags are appended
     */
    public record Config(List<Integer> instances, int prompts, int maxNewTokens, int batchSize, long seed,
                         List<String> command) {

        public Config {
            instances = List.copyOf(instances);
            command = List.copyOf(command);
            if (instances.isEmpty() || instances.stream().anyMatch(n -> n < 1 || n > Topics.PROMPTS.partitions())) {
                throw new IllegalArgumentException("instances must be 1.." + Topics.PROMPTS.partitions()
                        + " (the prompts topic's partitions), got " + instances);
            }
            if (prompts < 1 || maxNewTokens < 1 || batchSize < 1) {
                throw new IllegalArgumentException("prompts, maxNewTokens and batchSize must be >= 1");
            }
            if (command.isEmpty()) {
                throw new IllegalArgumentException("no command to start an actor with");
            }
        }

        /** The settings in print order. */
        public Map<String, Object> describe() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("instances", instances.toString());
            map.put("prompts", prompts + " measured, after " + warmUpPrompts() + " to warm up");
            map.put("policy", "tiny preset, untrained, " + maxNewTokens + " new tokens per answer");
            map.put("actor", "one JVM per instance, batch " + batchSize + ", CPU, one consumer group, the cores "
                    + "shared out as libtorch threads (cores / instances, at least 1)");
            map.put("seed", seed);
            return map;
        }

        int warmUpPrompts() {
            return Math.max(1, prompts / 4);
        }
    }

    /** One instance count's figures. */
    record Row(int instances, double attemptsPerSecond, double seconds) {
    }

    private ActorScaleOut() {
    }

    /** Measures every instance count of {@code config}, printing progress on {@code out}. */
    public static BenchReport run(Config config, MachineInfo machine, PrintWriter out) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int instances : config.instances()) {
            out.println("== " + instances + " actor instance" + (instances == 1 ? "" : "s") + " ==");
            out.flush();
            rows.add(measure(config, instances, out));
        }
        return report(config, machine, rows);
    }

    private static Row measure(Config config, int instances, PrintWriter out) throws Exception {
        try (ScratchStack stack = ScratchStack.start(out)) {
            Path weights = stack.directory("weights");
            SoakPolicy.publish(stack.bootstrapServers(), stack.serdes(), POLICY, weights, stack.directory("scratch"));
            List<ChildComponent> actors = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> attempts = attemptReader(stack.bootstrapServers());
                 Producer<byte[], byte[]> producer = new KafkaProducer<>(
                         Feeder.producerConfig(stack.bootstrapServers()))) {
                for (int i = 0; i < instances; i++) {
                    actors.add(startActor(config, stack, weights, i, instances));
                }
                for (ChildComponent actor : actors) {
                    actor.awaitStarted(START_LIMIT);
                }
                AtomicLong read = new AtomicLong();
                out.println(instances + " actor JVM(s) running; " + config.warmUpPrompts() + " prompts to warm up ...");
                out.flush();
                feed(stack, producer, config.warmUpPrompts(), config.seed() * 31 + 1, config.maxNewTokens());
                awaitAttempts(attempts, read, config.warmUpPrompts(), out, "warm-up");
                out.println("sending " + config.prompts() + " prompts ...");
                out.flush();
                long begin = System.nanoTime();
                feed(stack, producer, config.prompts(), config.seed() * 31 + 2, config.maxNewTokens());
                long done = awaitAttempts(attempts, read, config.warmUpPrompts() + (long) config.prompts(), out,
                        instances + " instance(s)");
                for (ChildComponent actor : actors) {
                    actor.requireAlive();
                }
                double seconds = (done - begin) / 1e9;
                return new Row(instances, config.prompts() / seconds, seconds);
            } finally {
                for (ChildComponent actor : actors) {
                    actor.close();
                }
            }
        }
    }

    /** libtorch threads of each of {@code instances} actors: this machine's cores shared out, at least one. */
    static int threadsPerActor(int instances) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / instances);
    }

    private static ChildComponent startActor(Config config, ScratchStack stack, Path weights, int index,
                                             int instances) throws IOException {
        List<String> command = new ArrayList<>(config.command());
        // The cores split between the instances, so two actors do not each run libtorch on every core.
        command.add(1, "-Dai.djl.pytorch.num_threads=" + threadsPerActor(instances));
        command.addAll(List.of("actor", "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.registryUrl(), "--policy-name", POLICY,
                "--weights-dir", weights.toString(), "--actor-id", "bench-actor-" + index,
                "--batch-size", Integer.toString(config.batchSize()),
                "--max-new-tokens", Integer.toString(config.maxNewTokens()), "--device", "CPU",
                "--seed", Long.toString(config.seed() + index)));
        Path log = stack.directory("actors").resolve("actor-" + index + ".log");
        return ChildComponent.start("actor", command, log);
    }

    /** {@code count} single-attempt synthetic episodes through the real feeder, each a question and a prompt. */
    private static void feed(ScratchStack stack, Producer<byte[], byte[]> producer, int count, long seed,
                             int maxNewTokens) throws InterruptedException {
        FeedConfig feed = new FeedConfig(stack.bootstrapServers(), stack.registryUrl(), Dataset.SYNTHETIC, "train",
                count, seed, SyntheticDifficulty.EASY, new AttemptsPolicy.Fixed(1), 1, PromptOrigin.FRESH,
                ProtocolTemplate.COMPACT, 0, maxNewTokens, null, null, 0, POLICY, "bench-actor-scale-out");
        new Feeder(feed, producer, stack.serdes(), Clock.systemUTC()).feed(feed.tasks().load(DataSource.bundled()),
                progress -> { });
    }

    private static KafkaConsumer<byte[], byte[]> attemptReader(String bootstrapServers) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(Topics.ATTEMPTS.name())
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Reads committed attempts until {@code read} reaches {@code total}; returns when the last was read. */
    private static long awaitAttempts(KafkaConsumer<byte[], byte[]> consumer, AtomicLong read, long total,
                                      PrintWriter out, String phase) throws TimeoutException {
        long lastNews = System.nanoTime();
        try (PhaseProgress progress = PhaseProgress.start(out, phase, total, "attempts", read::get)) {
            while (read.get() < total) {
                int n = consumer.poll(Duration.ofMillis(100)).count();
                long now = System.nanoTime();
                if (n > 0) {
                    read.addAndGet(n);
                    lastNews = now;
                } else if (now - lastNews > IDLE_LIMIT.toNanos()) {
                    throw new TimeoutException(read.get() + " of " + total + " attempts after nothing new for "
                            + IDLE_LIMIT.toSeconds() + " s");
                }
            }
            return lastNews;
        }
    }

    static BenchReport report(Config config, MachineInfo machine, List<Row> rows) {
        Row base = rows.get(0);
        List<Figure> figures = new ArrayList<>();
        List<List<String>> table = new ArrayList<>();
        for (Row row : rows) {
            double scaling = row.attemptsPerSecond() / base.attemptsPerSecond();
            figures.add(new Figure("attempts/s with " + row.instances() + " actor(s)", row.attemptsPerSecond(),
                    "attempts/s"));
            figures.add(new Figure("actor scaling " + row.instances() + " / " + base.instances(), scaling, "x"));
            table.add(List.of(Integer.toString(row.instances()),
                    String.format(Locale.ROOT, "%,.1f", row.attemptsPerSecond()),
                    String.format(Locale.ROOT, "%.1f", row.seconds()),
                    String.format(Locale.ROOT, "%.2fx", scaling)));
        }
        BenchTable bench = new BenchTable(List.of("actors", "attempts/s", "seconds", "scaling"), table);
        List<String> notes = List.of(
                "each actor is a separate JVM running `rollstream actor` in the policy's consumer group; the prompts "
                        + "topic has " + Topics.PROMPTS.partitions() + " partitions",
                "the actors share this machine's " + machine.cores() + " cores with each other and the broker; "
                        + "each runs libtorch on cores / instances threads (at least one)");
        return new BenchReport("actor --instances", config.describe(), machine, figures, bench, notes);
    }
}
