package io.rollstream.bench.soak;

import io.rollstream.audit.AuditConfig;
import io.rollstream.audit.AuditCounts;
import io.rollstream.audit.AuditReport;
import io.rollstream.audit.Auditor;
import io.rollstream.bench.BenchReport;
import io.rollstream.bench.BenchTable;
import io.rollstream.bench.Figure;
import io.rollstream.bench.MachineInfo;
import io.rollstream.bench.PhaseProgress;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The whole pipeline for a long while with a fault every few minutes: three embedded KRaft nodes, the registry,
 * the grader and the actors in this JVM, and a feeder keeping a queue of episodes open. Faults are drawn with a
 * seeded random: the node leading the attempts partitions is stopped and started again, the grader's Kafka
 * Streams instance is closed and a new one started on its state directory, or an actor is closed and started
 * again under its id. Every minute it prints the episodes closed in that minute and the heap after a full
 * collection; at the end it stops feeding, waits for every fed episode to close, and audits the run's topics.
 */
public final class SoakRun {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration TICK = Duration.ofMillis(200);
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(2);
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(20);
    private static final double MIB = 1024.0 * 1024.0;

    /** What can be done to the pipeline. */
    enum Fault { BROKER, GRADER, ACTOR }

    /**
     * What a soak found: the report, and whether it passed (nothing lost, nothing graded twice, the audit clean,
     * no piece failed).
     */
    public record Result(BenchReport report, boolean passed) {
    }

    /** One minute of the measured part. */
    private record Minute(int index, double elapsedSeconds, int closed, double seconds, long heapBytes) {
        double rate() {
            return closed / seconds;
        }
    }

    private final SoakSettings settings;
    private final PrintWriter out;
    private final Random random;
    private final List<String> timeline = Collections.synchronizedList(new ArrayList<>());
    private final Map<Fault, Integer> faults = new EnumMap<>(Fault.class);
    private final List<Minute> minutes = new ArrayList<>();
    private final AtomicLong closedNow = new AtomicLong();
    private long started;
    private volatile String failure;

    private SoakRun(SoakSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
        this.random = new Random(settings.seed());
    }

    /** Runs a soak with {@code settings} on {@code machine}, printing as it goes on {@code out}. */
    public static Result run(SoakSettings settings, MachineInfo machine, PrintWriter out) throws Exception {
        return new SoakRun(settings, out).run(machine);
    }

    private Result run(MachineInfo machine) throws Exception {
        Path dir = Files.createTempDirectory("rollstream-soak-");
        String runId = "soak-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).format(LocalDateTime.now());
        started = System.nanoTime();
        try {
            say("starting 3 KRaft nodes, the schema registry and the topics in " + dir + " ...");
            try (SoakCluster cluster = SoakCluster.start(dir.resolve("kafka"));
                 HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(cluster.registryUrl())) {
                say("cluster " + cluster.bootstrapServers() + ", registry " + cluster.registryUrl());
                CatalogSerdes serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
                SoakPolicy.publish(cluster.bootstrapServers(), serdes, SoakPolicy.NAME, dir.resolve("weights"), dir);
                Instant from = Instant.now();
                Measured measured;
                try (SoakFeed feed = new SoakFeed(cluster.bootstrapServers(), cluster.registryUrl(), serdes, runId,
                        settings.seed())) {
                    say("starting the grader and " + settings.actors() + " actors ...");
                    try (SoakPipeline pipeline = SoakPipeline.start(cluster, dir.resolve("grader-state"),
                            dir.resolve("weights"), settings.actors(), settings.attemptTimeout(), settings.seed())) {
                        measured = soak(cluster, pipeline, feed);
                    }
                }
                say("pipeline stopped; counting dead letters and auditing the run's topics ...");
                long deadLetters = countRecords(cluster.bootstrapServers(), Topics.DEAD_LETTERS.name());
                AuditReport audit = Auditor.run(AuditConfig.of(cluster.bootstrapServers(), cluster.registryUrl(),
                        from, measured.to(), true));
                out.println(audit.summary(20).stripTrailing());
                out.flush();
                return report(machine, measured, deadLetters, audit);
            }
        } finally {
            delete(dir);
        }
    }

    /** What the pipeline did while it ran. */
    private record Measured(Instant to, int fed, int closed, int lost, long heapStart, long heapEnd,
                            double drainSeconds) {
    }

    private Measured soak(SoakCluster cluster, SoakPipeline pipeline, SoakFeed feed) throws Exception {
        feed.feed(settings.queue());
        say("pipeline up; warming up for " + human(settings.warmUp()) + " ...");
        ExecutorService faulting = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "soak-faults");
            thread.setDaemon(true);
            return thread;
        });
        try (PhaseProgress progress = PhaseProgress.start(out, "soak", 0, "episodes closed", closedNow::get,
                PROGRESS_INTERVAL)) {
            long warmEnd = System.nanoTime() + settings.warmUp().toNanos();
            while (System.nanoTime() < warmEnd && failure == null) {
                tick(pipeline, feed, true);
            }
            long heapStart = heapAfterGc();
            say(String.format(Locale.ROOT, "warm-up done: %,d episodes closed; heap after GC at the start %.1f MiB",
                    feed.closed(), heapStart / MIB));
            out.println("  minute  elapsed   closed  episodes/s  heap after GC");
            out.flush();
            long measureStart = System.nanoTime();
            long measureEnd = measureStart + settings.length().toNanos();
            long minuteStart = measureStart;
            int closedAtMinute = feed.closed();
            long nextFault = measureStart + gap();
            Future<?> fault = null;
            AtomicLong faultEnded = new AtomicLong();
            while (System.nanoTime() < measureEnd && failure == null) {
                tick(pipeline, feed, true);
                long now = System.nanoTime();
                if (now - minuteStart >= MINUTE.toNanos()) {
                    closedAtMinute = minuteLine(feed, minuteStart, now, closedAtMinute);
                    minuteStart = now;
                }
                if (fault != null && fault.isDone()) {
                    checkFault(fault);
                    fault = null;
                    nextFault = faultEnded.get() + gap();
                }
                if (fault == null && now >= nextFault) {
                    fault = faulting.submit(faultTask(cluster, pipeline, faultEnded));
                }
            }
            if (fault != null) {
                say("waiting for the fault in progress to finish ...");
                while (!fault.isDone()) {
                    tick(pipeline, feed, false);
                }
                checkFault(fault);
            }
            long now = System.nanoTime();
            if (now - minuteStart >= Duration.ofSeconds(10).toNanos() && failure == null) {
                minuteLine(feed, minuteStart, now, closedAtMinute);
            }
            Instant to = Instant.now().plusMillis(1);
            int open = feed.open();
            say(String.format(Locale.ROOT, "feeding stopped after %,d episodes; waiting for the %,d still open ...",
                    feed.fed(), open));
            long drainStart = System.nanoTime();
            long drainEnd = drainStart + settings.attemptTimeout().plus(MINUTE).toNanos();
            while (feed.open() > 0 && System.nanoTime() < drainEnd && failure == null) {
                tick(pipeline, feed, false);
            }
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            long heapEnd = heapAfterGc();
            say(String.format(Locale.ROOT, "%,d of %,d episodes closed, %,d open, after %.1f s of draining; "
                    + "heap after GC at the end %.1f MiB", feed.fed() - feed.open(), feed.fed(), feed.open(),
                    drainSeconds, heapEnd / MIB));
            return new Measured(to, feed.fed(), feed.fed() - feed.open(), feed.open(), heapStart,
                    heapEnd, drainSeconds);
        } finally {
            faulting.shutdownNow();
        }
    }

    /** Polls the trajectories, tops the queue up when {@code feeding}, and notes a piece that failed by itself. */
    private void tick(SoakPipeline pipeline, SoakFeed feed, boolean feeding) throws InterruptedException {
        feed.poll(TICK);
        closedNow.set(feed.closed());
        if (feeding && feed.open() < settings.queue() / 2) {
            feed.feed(settings.queue() - feed.open());
        }
        if (failure == null) {
            pipeline.failure().ifPresent(f -> {
                failure = f;
                event("stopped by itself: " + f);
            });
        }
    }

    private int minuteLine(SoakFeed feed, long from, long to, int closedBefore) {
        int closed = feed.closed();
        long heap = heapAfterGc();
        Minute minute = new Minute(minutes.size() + 1, (to - started) / 1e9, closed - closedBefore, (to - from) / 1e9,
                heap);
        minutes.add(minute);
        out.println(String.format(Locale.ROOT, "  %6d  %7s  %7s  %10.1f  %9.1f MiB", minute.index(),
                clock(minute.elapsedSeconds()), String.format(Locale.ROOT, "%,d", minute.closed()), minute.rate(),
                heap / MIB));
        out.flush();
        return closed;
    }

    private Runnable faultTask(SoakCluster cluster, SoakPipeline pipeline, AtomicLong ended) {
        Fault kind = Fault.values()[random.nextInt(Fault.values().length)];
        int actor = random.nextInt(pipeline.actorCount());
        return () -> {
            long begun = System.nanoTime();
            try {
                String what = switch (kind) {
                    case BROKER -> {
                        int leader = cluster.attemptsLeader();
                        cluster.bounce(leader, CATCH_UP_LIMIT);
                        yield "node " + leader + " (leading the attempts partitions) stopped and started again";
                    }
                    case GRADER -> {
                        pipeline.restartGrader();
                        yield "grader closed and started again on its state directory";
                    }
                    case ACTOR -> {
                        pipeline.restartActor(actor);
                        yield pipeline.actorId(actor) + " closed and started again";
                    }
                };
                synchronized (faults) {
                    faults.merge(kind, 1, Integer::sum);
                }
                event(String.format(Locale.ROOT, "fault: %s; back in %.1f s", what, (System.nanoTime() - begun) / 1e9));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failure = "the " + kind.name().toLowerCase(Locale.ROOT) + " fault failed: " + e;
                event(failure);
            } finally {
                ended.set(System.nanoTime());
            }
        };
    }

    private static void checkFault(Future<?> fault) throws InterruptedException {
        try {
            fault.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a fault failed: " + e.getCause(), e.getCause());
        }
    }

    /** The time to the next fault: 0.5 to 1.5 times the mean. */
    private long gap() {
        return (long) (settings.faultEvery().toNanos() * (0.5 + random.nextDouble()));
    }

    private Result report(MachineInfo machine, Measured m, long deadLetters, AuditReport audit) {
        AuditCounts counts = audit.counts();
        int gradedTwice = Math.max(0, counts.gradedRecords() - counts.gradedAttempts());
        int secondTrajectories = Math.max(0, counts.trajectories() - counts.closed());
        List<Minute> full = minutes.stream().filter(x -> x.seconds() >= 59).toList();
        List<Minute> rated = full.isEmpty() ? minutes : full;
        List<Double> rates = rated.stream().map(Minute::rate).sorted().toList();
        List<Figure> summary = new ArrayList<>();
        summary.add(new Figure("episodes fed", m.fed(), "episodes"));
        summary.add(new Figure("episodes closed", m.closed(), "episodes"));
        summary.add(new Figure("episodes lost (fed, never closed)", m.lost(), "episodes"));
        summary.add(new Figure("attempts graded twice", gradedTwice, "records"));
        summary.add(new Figure("second trajectories of an episode", secondTrajectories, "records"));
        summary.add(new Figure("dead letters", deadLetters, "records"));
        summary.add(new Figure("auditor: episodes audited", counts.episodes(), "episodes"));
        summary.add(new Figure("auditor: violations", audit.violations().size(), "findings"));
        for (Fault kind : Fault.values()) {
            summary.add(new Figure("faults: " + kind.name().toLowerCase(Locale.ROOT), faults.getOrDefault(kind, 0),
                    "times"));
        }
        summary.add(new Figure("heap after GC at the start", m.heapStart() / MIB, "MiB"));
        summary.add(new Figure("heap after GC at the end", m.heapEnd() / MIB, "MiB"));
        summary.add(new Figure("heap change", (m.heapEnd() - m.heapStart()) / MIB, "MiB"));
        if (!rates.isEmpty()) {
            summary.add(new Figure("throughput, slowest minute", rates.get(0), "episodes/s"));
            summary.add(new Figure("throughput, median minute", rates.get(rates.size() / 2), "episodes/s"));
            summary.add(new Figure("throughput, fastest minute", rates.get(rates.size() - 1), "episodes/s"));
        }
        summary.add(new Figure("drain after feeding stopped", m.drainSeconds(), "s"));
        List<Figure> figures = new ArrayList<>(summary);
        for (Minute minute : minutes) {
            figures.add(new Figure("minute " + minute.index() + " episodes/s", minute.rate(), "episodes/s"));
            figures.add(new Figure("minute " + minute.index() + " heap after GC", minute.heapBytes() / MIB, "MiB"));
        }
        boolean passed = failure == null && m.lost() == 0 && gradedTwice == 0 && secondTrajectories == 0
                && audit.passed();
        out.println();
        out.println("fault timeline:");
        synchronized (timeline) {
            if (timeline.isEmpty()) {
                out.println("  (none)");
            }
            timeline.forEach(line -> out.println("  " + line));
        }
        List<String> notes = new ArrayList<>();
        notes.add("throughput is episodes closed per minute of the measured part, faults included; the heap "
                + "figures are after a full collection, of this whole JVM (three brokers, the registry, the grader, "
                + "the actors, the feeder and its tally)");
        notes.add(String.format(Locale.ROOT, "auditor's verdict: %s; soak %s", audit.passed() ? "PASSED" : "FAILED",
                passed ? "PASSED" : "FAILED" + (failure != null ? " (" + failure + ")" : "")));
        return new Result(new BenchReport("soak", settings.describe(), machine, figures, BenchTable.of(summary),
                notes), passed);
    }

    /** Records that a read_committed consumer finds in {@code topic}. */
    private static long countRecords(String bootstrapServers, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
            return count;
        }
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void event(String what) {
        String line = clock((System.nanoTime() - started) / 1e9) + "  " + what;
        timeline.add(line);
        out.println("  " + line);
        out.flush();
    }

    private void say(String what) {
        out.println(what);
        out.flush();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    private static String human(Duration duration) {
        return duration.toSeconds() + " s";
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the soak directory " + root, e);
        }
    }
}
