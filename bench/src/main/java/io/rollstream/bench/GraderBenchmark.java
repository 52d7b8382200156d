package io.rollstream.bench;

import io.rollstream.grader.app.GraderApp;
import io.rollstream.grader.app.GraderConfig;
import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The grader under exactly-once on the embedded broker, in three measurements of one run: graded attempts committed
 * per second while it drains a backlog; attempt-to-graded latency at a fixed offered load; and, for scale, raw
 * produce-to-consume throughput of the same attempt records with no grader in the path. Afterwards every graded
 * record is read back to show each attempt was graded once and as scripted.
 */
public final class GraderBenchmark {

    static final String BACKLOG_PREFIX = "backlog";
    static final String LATENCY_PREFIX = "paced";
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(2);

    private GraderBenchmark() {
    }

    /** Everything the run measured, before it is arranged for printing. */
    record Measurements(ProduceConsumeResult raw, double startupSeconds, double gradedPerSecond, double drainSeconds,
                        GradedReader.Latencies latencies, double offeredRate, long offered,
                        Map<String, Long> expectedBacklog, Map<String, Long> expectedPaced, GradedAudit audit,
                        AnswerMix.Selection questions, StreamThreadProfile.Breakdown profile) {

        /**
         * The rounds of one mix as one measurement: records over summed times (a round's grader drains the very
         * records its raw run produced), latency samples of every round, verdicts and profile samples summed,
         * startup and offered rate averaged.
         */
        static Measurements pool(List<Measurements> rounds) {
            if (rounds.isEmpty()) {
                throw new IllegalArgumentException("no round to pool");
            }
            if (rounds.size() == 1) {
                return rounds.get(0);
            }
            long records = 0;
            long bytes = 0;
            long produced = 0;
            long consumed = 0;
            double drain = 0;
            long offered = 0;
            double startup = 0;
            double rate = 0;
            List<long[]> append = new ArrayList<>();
            List<long[]> visible = new ArrayList<>();
            Map<String, Long> backlog = new TreeMap<>();
            Map<String, Long> paced = new TreeMap<>();
            Map<String, Map<String, Long>> verdicts = new TreeMap<>();
            long audited = 0;
            long duplicates = 0;
            Map<StreamThreadPhases, Long> samples = new EnumMap<>(StreamThreadPhases.class);
            long truncated = 0;
            long otherThreads = 0;
            boolean profiled = true;
            for (Measurements m : rounds) {
                records += m.raw().records();
                bytes += m.raw().valueBytes();
                produced += m.raw().producedNanos();
                consumed += m.raw().consumedNanos();
                drain += m.drainSeconds();
                offered += m.offered();
                startup += m.startupSeconds() / rounds.size();
                rate += m.offeredRate() / rounds.size();
                append.add(m.latencies().appendMillis());
                visible.add(m.latencies().visibleMillis());
                m.expectedBacklog().forEach((k, v) -> backlog.merge(k, v, Long::sum));
                m.expectedPaced().forEach((k, v) -> paced.merge(k, v, Long::sum));
                m.audit().verdictsByPrefix().forEach((prefix, counts) -> counts.forEach((k, v) ->
                        verdicts.computeIfAbsent(prefix, p -> new TreeMap<>()).merge(k, v, Long::sum)));
                audited += m.audit().records();
                duplicates += m.audit().duplicates();
                if (m.profile() == null) {
                    profiled = false;
                } else {
                    m.profile().samples().forEach((k, v) -> samples.merge(k, v, Long::sum));
                    truncated += m.profile().truncated();
                    otherThreads += m.profile().otherThreads();
                }
            }
            return new Measurements(new ProduceConsumeResult(records, bytes, produced, consumed), startup,
                    records / drain, drain, new GradedReader.Latencies(concat(append), concat(visible)), rate, offered,
                    backlog, paced, new GradedAudit(verdicts, audited, duplicates), rounds.get(0).questions(),
                    profiled ? new StreamThreadProfile.Breakdown(samples, truncated, otherThreads) : null);
        }

        private static long[] concat(List<long[]> parts) {
            long[] all = new long[parts.stream().mapToInt(a -> a.length).sum()];
            int at = 0;
            for (long[] part : parts) {
                System.arraycopy(part, 0, all, at, part.length);
                at += part.length;
            }
            return all;
        }
    }

    /**
     * Runs the benchmark on {@code machine} once per answer mix of {@code config}, each on a scratch stack of its
     * own, printing progress on {@code out}, and returns what they measured side by side.
     */
    public static BenchReport run(GraderBenchConfig config, MachineInfo machine, PrintWriter out)
            throws IOException, InterruptedException, TimeoutException {
        if (config.warmupRecords() > 0) {
            GraderBenchConfig warmup = config.warmup();
            out.println("== warm-up: " + warmup.records() + " attempts of " + warmup.mixes().get(0).id()
                    + ", not reported ==");
            out.flush();
            runMix(warmup, warmup.mixes().get(0).questions(warmup.questions(), warmup.seed()), out);
        }
        List<AnswerMix.Selection> selections = new ArrayList<>();
        List<List<Measurements>> rounds = new ArrayList<>();
        for (AnswerMix mix : config.mixes()) {
            selections.add(mix.questions(config.questions(), config.seed()));
            rounds.add(new ArrayList<>());
        }
        for (int round = 0; round < config.rounds(); round++) {
            for (int i : roundOrder(config.mixes().size(), round)) {
                AnswerMix mix = config.mixes().get(i);
                AnswerMix.Selection questions = selections.get(i);
                out.println("== " + (config.rounds() > 1 ? "round " + (round + 1) + " of " + config.rounds() + ", "
                        : "") + "answer mix " + mix.id() + ": " + questions.questions().size() + " questions ("
                        + mix.description() + (questions.unscripted() > 0 ? "; " + questions.unscripted()
                        + " of the " + questions.considered() + " drawn could not be scripted and were skipped" : "")
                        + ") ==");
                out.flush();
                rounds.get(i).add(runMix(config, questions, out));
            }
        }
        List<MixRuns> runs = new ArrayList<>();
        for (List<Measurements> mixRounds : rounds) {
            runs.add(new MixRuns(mixRounds));
        }
        return GraderReport.of(config, machine, runs);
    }

    /**
     * The order in which round {@code round} (from 0) measures {@code mixes} mixes: forwards in even rounds,
     * backwards in odd ones.
     */
    static List<Integer> roundOrder(int mixes, int round) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, mixes).boxed().toList());
        if (round % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }

    /** Every round of one mix, in the order they ran, and their pooled figures. */
    record MixRuns(List<Measurements> rounds, Measurements pooled) {
        MixRuns(List<Measurements> rounds) {
            this(List.copyOf(rounds), Measurements.pool(rounds));
        }
    }

    private static Measurements runMix(GraderBenchConfig config, AnswerMix.Selection questions, PrintWriter out)
            throws IOException, InterruptedException, TimeoutException {
        try (ScratchStack stack = ScratchStack.start(out)) {
            Serializer<Attempt> serializer = stack.serdes().valueSerde(Topics.ATTEMPTS).serializer();
            AttemptWorkload backlog = AttemptWorkload.create(BACKLOG_PREFIX, questions.questions(),
                    config.maxAttempts(), config.seed());
            publishQuestions(stack, backlog);
            Serializer<Prompt> promptSerializer = stack.serdes().valueSerde(Topics.PROMPTS).serializer();
            ScriptedBatch batch = ScriptedBatch.prepare(backlog, config.records(), serializer, promptSerializer, out);

            // The backlog the grader drains is written by this raw run, so both figures are of the same records.
            out.println("raw: producing the " + batch.size() + " attempts and reading them back, no grader ...");
            out.flush();
            ProduceConsumeResult raw = new ProduceConsumeRun(stack.bootstrapServers(), Topics.ATTEMPTS.name(),
                    Topics.ATTEMPTS.partitions(), Map.of()).run(batch.keys(), batch.values(), batch.size(), 1, out, "raw");

            // The feeder's part, outside the timed phases: the first prompts that open the backlog's episodes.
            publishPrompts(stack, batch);

            try (GradedReader reader = new GradedReader(stack.bootstrapServers())) {
                out.println("grader: starting with " + config.threads() + " stream thread(s) on the backlog ...");
                out.flush();
                long requested = System.nanoTime();
                GraderPhases phases;
                StreamThreadProfile.Breakdown profile = null;
                try (GraderApp grader = GraderApp.start(graderConfig(stack, config))) {
                    grader.awaitRunning(STARTUP_LIMIT);
                    long running = System.nanoTime();
                    long drained;
                    if (config.profile()) {
                        try (StreamThreadProfile recording = StreamThreadProfile.start(stack.directory("profile"))) {
                            drained = reader.awaitCount(BACKLOG_PREFIX + "-", batch.size(), out, "grader backlog");
                            profile = recording.stop();
                        }
                    } else {
                        drained = reader.awaitCount(BACKLOG_PREFIX + "-", batch.size(), out, "grader backlog");
                    }
                    FixedLoad load = offerFixedLoad(stack, config, questions, serializer, promptSerializer, reader,
                            out);
                    phases = new GraderPhases((running - requested) / 1e9, (drained - running) / 1e9, load);
                }
                out.println("grader stopped; auditing every graded record ...");
                out.flush();
                PacedSender sender = phases.load().sender();
                long expected = batch.size() + sender.sent();
                GradedAudit audit = GradedAudit.read(stack.bootstrapServers(), stack.serdes(), expected, out);
                return new Measurements(raw, phases.startupSeconds(), batch.size() / phases.drainSeconds(),
                        phases.drainSeconds(), phases.load().latencies(), sender.achievedRate(), sender.sent(),
                        batch.expectedVerdicts(), sender.expectedVerdicts(), audit, questions, profile);
            }
        }
    }

    /** The fixed-load phase: the finished sender and the latencies of what it sent. */
    private record FixedLoad(PacedSender sender, GradedReader.Latencies latencies) {
    }

    /** What happened while the grader ran. */
    private record GraderPhases(double startupSeconds, double drainSeconds, FixedLoad load) {
    }

    /** Offers attempts at the configured rate while reading their graded records. */
    private static FixedLoad offerFixedLoad(ScratchStack stack, GraderBenchConfig config,
                                            AnswerMix.Selection questions, Serializer<Attempt> serializer, Serializer<Prompt> promptSerializer,
                                            GradedReader reader, PrintWriter out)
            throws InterruptedException, TimeoutException {
        out.println("latency: offering " + config.rate() + " attempts/s for " + config.seconds() + " s ...");
        out.flush();
        AttemptWorkload paced = AttemptWorkload.create(LATENCY_PREFIX, questions.questions(), config.maxAttempts(),
                config.seed() + 1);
        PacedSender sender = new PacedSender(stack.bootstrapServers(), paced, serializer, promptSerializer,
                config.rate(), Duration.ofSeconds(config.seconds()));
        Thread sending = new Thread(sender, "bench-paced-sender");
        sending.start();
        try {
            GradedReader.Latencies latencies = reader.collectLatencies(LATENCY_PREFIX + "-",
                    sender.finishedAtByAttempt(), sender::sent, () -> {
                        if (sender.failure() != null) {
                            throw new IllegalStateException("sending attempts failed: " + sender.failure(),
                                    sender.failure());
                        }
                        return sender.done();
                    }, out, "grader at fixed load");
            return new FixedLoad(sender, latencies);
        } finally {
            sending.join();
        }
    }

    private static GraderConfig graderConfig(ScratchStack stack, GraderBenchConfig config) throws IOException {
        return GraderConfig.defaults().withCluster(stack.bootstrapServers(), stack.registryUrl())
                .withInstance("rollstream-bench-grader", stack.directory("grader-state"), config.threads());
    }

    static void publishPrompts(ScratchStack stack, ScriptedBatch batch) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ProduceConsumeRun.producerConfig(stack.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < batch.promptKeys().size(); i++) {
                producer.send(new ProducerRecord<>(Topics.PROMPTS.name(), batch.promptKeys().get(i),
                        batch.promptValues().get(i)));
            }
            producer.flush();
        }
    }

    static void publishQuestions(ScratchStack stack, AttemptWorkload workload) {
        try (KafkaProducer<String, Question> producer = new KafkaProducer<>(
                ProduceConsumeRun.producerConfig(stack.bootstrapServers()),
                stack.serdes().keySerde(Topics.QUESTIONS).serializer(),
                stack.serdes().valueSerde(Topics.QUESTIONS).serializer())) {
            for (Question question : workload.questionRecords(Instant.now())) {
                producer.send(new ProducerRecord<>(Topics.QUESTIONS.name(), question.getQuestionId(), question));
            }
            producer.flush();
        }
    }
}
