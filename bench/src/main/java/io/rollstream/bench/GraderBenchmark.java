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
import java.util.Map;
import java.util.concurrent.TimeoutException;
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
                        Map<String, Long> expectedBacklog, Map<String, Long> expectedPaced, GradedAudit audit) {
    }

    /** Runs the benchmark on {@code machine}, printing progress on {@code out}, and returns what it measured. */
    public static BenchReport run(GraderBenchConfig config, MachineInfo machine, PrintWriter out)
            throws IOException, InterruptedException, TimeoutException {
        try (ScratchStack stack = ScratchStack.start(out)) {
            Serializer<Attempt> serializer = stack.serdes().valueSerde(Topics.ATTEMPTS).serializer();
            AttemptWorkload backlog = AttemptWorkload.create(BACKLOG_PREFIX, config.questions(), config.maxAttempts(),
                    config.seed());
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
                try (GraderApp grader = GraderApp.start(graderConfig(stack, config))) {
                    grader.awaitRunning(STARTUP_LIMIT);
                    long running = System.nanoTime();
                    long drained = reader.awaitCount(BACKLOG_PREFIX + "-", batch.size(), out, "grader backlog");
                    FixedLoad load = offerFixedLoad(stack, config, serializer, promptSerializer, reader, out);
                    phases = new GraderPhases((running - requested) / 1e9, (drained - running) / 1e9, load);
                }
                out.println("grader stopped; auditing every graded record ...");
                out.flush();
                PacedSender sender = phases.load().sender();
                long expected = batch.size() + sender.sent();
                GradedAudit audit = GradedAudit.read(stack.bootstrapServers(), stack.serdes(), expected, out);
                return GraderReport.of(config, machine, new Measurements(raw, phases.startupSeconds(),
                        batch.size() / phases.drainSeconds(), phases.drainSeconds(), phases.load().latencies(),
                        sender.achievedRate(), sender.sent(), batch.expectedVerdicts(), sender.expectedVerdicts(), audit));
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
                                            Serializer<Attempt> serializer, Serializer<Prompt> promptSerializer,
                                            GradedReader reader, PrintWriter out)
            throws InterruptedException, TimeoutException {
        out.println("latency: offering " + config.rate() + " attempts/s for " + config.seconds() + " s ...");
        out.flush();
        AttemptWorkload paced = AttemptWorkload.create(LATENCY_PREFIX, config.questions(), config.maxAttempts(),
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

    private static void publishPrompts(ScratchStack stack, ScriptedBatch batch) {
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

    private static void publishQuestions(ScratchStack stack, AttemptWorkload workload) {
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
