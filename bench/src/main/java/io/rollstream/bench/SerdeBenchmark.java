package io.rollstream.bench;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.registry.InMemorySchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serialize+deserialize throughput of actor attempts through the Confluent-wire-format Avro serde: the schema id
 * is resolved on the first record and cached by the serde, so the timed loop measures Avro encoding and decoding.
 * Every pooled attempt is checked to come back equal before timing starts.
 */
public final class SerdeBenchmark {

    private static final int PROGRESS_STRIDE = 1_000;

    private SerdeBenchmark() {
    }

    /** Per-thread totals of the timed loop. */
    private record Totals(long records, long bytes, long serializeNanos, long deserializeNanos, long checksum) {
    }

    /** Episode shape of the size table: the 5 attempts of 3,000 tokens, and the 8,000-token limit case. */
    private static final int SIZE_ATTEMPTS = 5;
    private static final int SIZE_TOKENS = 3_000;
    private static final int LIMIT_TOKENS = 8_000;

    /** Runs the benchmark on {@code machine}, printing progress on {@code out}, and returns what it measured. */
    public static BenchReport run(SerdeBenchConfig config, MachineInfo machine, PrintWriter out) throws InterruptedException {
        List<EpisodeSizes.Row> sizes = EpisodeSizes.of(SIZE_ATTEMPTS, SIZE_TOKENS, config.seed());
        List<EpisodeSizes.Row> limit = EpisodeSizes.of(SIZE_ATTEMPTS, LIMIT_TOKENS, config.seed());
        out.println(sizeTable(sizes, limit));
        out.flush();
        CatalogSerdes serdes = CatalogSerdes.create(new InMemorySchemaRegistryClient(), SerdeOptions.defaults());
        Serializer<Attempt> serializer = serdes.valueSerde(Topics.ATTEMPTS).serializer();
        Deserializer<Attempt> deserializer = serdes.valueSerde(Topics.ATTEMPTS).deserializer();
        List<Attempt> pool = pool(config);
        long pooledBytes = 0;
        for (Attempt attempt : pool) {
            byte[] bytes = serializer.serialize(Topics.ATTEMPTS.name(), attempt);
            pooledBytes += bytes.length;
            if (!attempt.equals(deserializer.deserialize(Topics.ATTEMPTS.name(), bytes))) {
                throw new IllegalStateException("attempt " + attempt.getEpisodeId() + " did not survive a round trip");
            }
        }
        out.println(String.format(Locale.ROOT, "%d distinct attempts, mean %.0f bytes serialized; all round-trip equal",
                pool.size(), (double) pooledBytes / pool.size()));
        out.flush();

        AtomicLong done = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(config.threads());
        try {
            if (config.warmupRecords() > 0) {
                try (PhaseProgress progress = PhaseProgress.start(out, "warm-up", config.warmupRecords() * config.threads(),
                        "round trips", done::get)) {
                    runThreads(threads, config.threads(), pool, serializer, deserializer, config.warmupRecords(), 0, done);
                }
            }
            done.set(0);
            long perThread = config.seconds() > 0 ? Long.MAX_VALUE : Math.max(1, config.records() / config.threads());
            long deadline = config.seconds() > 0 ? System.nanoTime() + config.seconds() * 1_000_000_000L : 0;
            long started;
            List<Totals> totals;
            try (PhaseProgress progress = PhaseProgress.start(out, "timed", config.seconds() > 0 ? 0
                    : perThread * config.threads(), "round trips", done::get)) {
                started = System.nanoTime();
                totals = runThreads(threads, config.threads(), pool, serializer, deserializer, perThread, deadline, done);
            }
            long wall = System.nanoTime() - started;
            return report(config, machine, totals, wall, pool.size(), sizes, limit);
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<Attempt> pool(SerdeBenchConfig config) {
        AttemptWorkload workload = AttemptWorkload.create("serde", 120, 3, config.seed());
        List<Attempt> pool = new ArrayList<>(config.poolSize());
        Instant now = Instant.now();
        for (int i = 0; i < config.poolSize(); i++) {
            pool.add(workload.next(now.plusMillis(i)).attempt());
        }
        return pool;
    }

    private static List<Totals> runThreads(ExecutorService threads, int count, List<Attempt> pool,
                                           Serializer<Attempt> serializer, Deserializer<Attempt> deserializer,
                                           long perThread, long deadline, AtomicLong done) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Totals>> futures = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            int offset = t * pool.size() / count;
            futures.add(threads.submit(() -> {
                start.await();
                return loop(pool, offset, serializer, deserializer, perThread, deadline, done);
            }));
        }
        start.countDown();
        List<Totals> totals = new ArrayList<>();
        for (Future<Totals> future : futures) {
            try {
                totals.add(future.get());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a serde thread failed: " + e.getCause(), e.getCause());
            }
        }
        return totals;
    }

    private static Totals loop(List<Attempt> pool, int offset, Serializer<Attempt> serializer,
                               Deserializer<Attempt> deserializer, long records, long deadline, AtomicLong done) {
        String topic = Topics.ATTEMPTS.name();
        long bytes = 0;
        long serializeNanos = 0;
        long deserializeNanos = 0;
        // Folding a field of every decoded record into a sum keeps the JIT from discarding the decoding.
        long checksum = 0;
        long i = 0;
        while (i < records) {
            Attempt attempt = pool.get((int) ((offset + i) % pool.size()));
            long t0 = System.nanoTime();
            byte[] serialized = serializer.serialize(topic, attempt);
            long t1 = System.nanoTime();
            Attempt back = deserializer.deserialize(topic, serialized);
            long t2 = System.nanoTime();
            serializeNanos += t1 - t0;
            deserializeNanos += t2 - t1;
            bytes += serialized.length;
            checksum += back.getLogProbs().size() + back.getAttempt();
            i++;
            if (i % PROGRESS_STRIDE == 0) {
                done.addAndGet(PROGRESS_STRIDE);
                if (deadline != 0 && t2 - deadline >= 0) {
                    break;
                }
            }
        }
        done.addAndGet(i % PROGRESS_STRIDE);
        return new Totals(i, bytes, serializeNanos, deserializeNanos, checksum);
    }

    /** The largest record of each kind, lean beside embedded, and the lean sizes against Kafka's default limit. */
    static String sizeTable(List<EpisodeSizes.Row> sizes, List<EpisodeSizes.Row> limit) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "largest record of each kind in a %d-attempt episode (bytes on the wire):%n"
                        + "  %-14s %14s %14s %8s   %22s%n", SIZE_ATTEMPTS, "record", SIZE_TOKENS + " tok lean",
                "embedded", "ratio", LIMIT_TOKENS + " tok lean / 1 MiB"));
        for (int i = 0; i < sizes.size(); i++) {
            EpisodeSizes.Row row = sizes.get(i);
            EpisodeSizes.Row big = limit.get(i);
            text.append(String.format(Locale.ROOT, "  %-14s %,14d %,14d %7.1fx   %,13d (%4.1f%%)%s%n", row.kind(),
                    row.lean(), row.embedded(), (double) row.embedded() / row.lean(), big.lean(),
                    100.0 * big.lean() / EpisodeSizes.KAFKA_DEFAULT_MAX_MESSAGE_BYTES,
                    big.lean() > EpisodeSizes.KAFKA_DEFAULT_MAX_MESSAGE_BYTES ? "  OVER THE LIMIT" : ""));
        }
        return text.toString().stripTrailing();
    }

    private static BenchReport report(SerdeBenchConfig config, MachineInfo machine, List<Totals> totals,
                                      long wallNanos, int distinct, List<EpisodeSizes.Row> sizes,
                                      List<EpisodeSizes.Row> limit) {
        long records = totals.stream().mapToLong(Totals::records).sum();
        long bytes = totals.stream().mapToLong(Totals::bytes).sum();
        long serialize = totals.stream().mapToLong(Totals::serializeNanos).sum();
        long deserialize = totals.stream().mapToLong(Totals::deserializeNanos).sum();
        long checksum = totals.stream().mapToLong(Totals::checksum).sum();
        if (checksum <= 0) {
            throw new IllegalStateException("decoded records were empty");
        }
        double seconds = wallNanos / 1e9;
        List<Figure> figures = new ArrayList<>(List.of(
                new Figure("serialize+deserialize", records / seconds, "records/s"),
                new Figure("serialize+deserialize bytes", bytes / seconds / (1024.0 * 1024.0), "MiB/s"),
                new Figure("serialize (mean per record)", serialize / 1e3 / records, "us"),
                new Figure("deserialize (mean per record)", deserialize / 1e3 / records, "us"),
                new Figure("serialized attempt size (mean)", (double) bytes / records, "bytes"),
                new Figure("timed round trips", records, "records"),
                new Figure("timed wall time", seconds, "s")));
        for (int i = 0; i < sizes.size(); i++) {
            String kind = sizes.get(i).kind();
            figures.add(new Figure(kind + " bytes, 5x3000 tokens, lean", sizes.get(i).lean(), "bytes"));
            figures.add(new Figure(kind + " bytes, 5x3000 tokens, embedded", sizes.get(i).embedded(), "bytes"));
            figures.add(new Figure(kind + " bytes, 5x8000 tokens, lean", limit.get(i).lean(), "bytes"));
        }
        List<String> notes = List.of(
                "rates are wall-clock over " + config.threads() + " thread(s) after the warm-up; per-record means are"
                        + " per thread and include two System.nanoTime() calls (tens of ns)",
                "the registry is consulted once per schema; the serde caches the id, so figures exclude any registry"
                        + " round trip",
                distinct + " distinct attempts are cycled; the mean size is of the records actually serialized",
                "record sizes: the largest of each kind over one episode of wrong attempts (about 4 characters and "
                        + "one id and log-prob per token); 'embedded' is the layout before lean records, where each "
                        + "record carried what came before it; Kafka's default max.message.bytes is "
                        + EpisodeSizes.KAFKA_DEFAULT_MAX_MESSAGE_BYTES);
        return new BenchReport("serde", config.describe(), machine, figures, BenchTable.of(figures), notes);
    }
}
