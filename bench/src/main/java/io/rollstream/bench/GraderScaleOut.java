package io.rollstream.bench;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The grader scaled out: for each instance count, a fresh embedded stack, that many grader JVMs (the
 * {@code rollstream grader} command users run, one stream thread each, one application id) sharing the
 * attempts topic's partitions, and one backlog graded through them. The clock starts once every instance is
 * running, have graded a warm-up backlog a quarter the size, and the measured backlog is first sent; it stops
 * when the backlog's last graded record is read, so no figure pays for JVM start-up, JIT warm-up or the group's
 * first rebalance. Each stack also measures the raw produce→consume of the same
 * records on a topic of as many partitions, the reference.
 */
public final class GraderScaleOut {

    static final String PREFIX = "scale";
    static final String WARM_UP_PREFIX = "warm";
    private static final String RAW_TOPIC = "bench-raw-attempts";
    private static final String APPLICATION_ID = "rollstream-bench-scale-out";
    private static final Duration START_LIMIT = Duration.ofMinutes(2);

    /**
     * What to measure.
     *
     * @param instances   instance counts, each measured on a stack of its own
     * @param records     attempts in the backlog
     * @param maxAttempts N of the episodes, drawn from 1..maxAttempts
     * @param questions   distinct questions of the mix
     * @param seed        seed of the workload
     * @param mix         the answer mix
     * @param command     how to start one grader JVM: the java executable, its options and the main class;
     *                    {@code grader} and its flags are appended
     */
    public record Config(List<Integer> instances, int records, int maxAttempts, int questions, long seed,
                         AnswerMix mix, List<String> command) {

        public Config {
            instances = List.copyOf(instances);
            command = List.copyOf(command);
            if (instances.isEmpty() || instances.stream().anyMatch(n -> n < 1 || n > Topics.ATTEMPTS.partitions())) {
                throw new IllegalArgumentException("instances must be 1.." + Topics.ATTEMPTS.partitions()
                        + " (the attempts topic's partitions), got " + instances);
            }
            if (records < 1 || maxAttempts < 1 || questions < 1) {
                throw new IllegalArgumentException("records, maxAttempts and questions must be >= 1");
            }
            if (command.isEmpty()) {
                throw new IllegalArgumentException("no command to start a grader with");
            }
        }

        /** The settings in print order. */
        public Map<String, Object> describe() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("instances", instances.toString());
            map.put("records", records);
            map.put("maxAttempts", maxAttempts);
            map.put("mix", mix.id() + " (" + mix.description() + ")");
            map.put("questions", questions);
            map.put("seed", seed);
            map.put("grader", "one JVM per instance, 1 stream thread, exactly_once_v2, one application id");
            return map;
        }
    }

    /** One instance count's figures. */
    record Row(int instances, double gradedPerSecond, ProduceConsumeResult raw, double seconds, GradedAudit audit,
               boolean asScripted) {
    }

    private GraderScaleOut() {
    }

    /** Measures every instance count of {@code config}, printing progress on {@code out}. */
    public static BenchReport run(Config config, MachineInfo machine, PrintWriter out)
            throws IOException, InterruptedException, TimeoutException {
        AnswerMix.Selection questions = config.mix().questions(config.questions(), config.seed());
        List<Row> rows = new ArrayList<>();
        for (int instances : config.instances()) {
            out.println("== " + instances + " grader instance" + (instances == 1 ? "" : "s") + " ==");
            out.flush();
            rows.add(measure(config, instances, questions, out));
        }
        return report(config, machine, rows);
    }

    private static Row measure(Config config, int instances, AnswerMix.Selection questions, PrintWriter out)
            throws IOException, InterruptedException, TimeoutException {
        try (ScratchStack stack = ScratchStack.start(out)) {
            Serializer<Attempt> serializer = stack.serdes().valueSerde(Topics.ATTEMPTS).serializer();
            Serializer<Prompt> promptSerializer = stack.serdes().valueSerde(Topics.PROMPTS).serializer();
            AttemptWorkload backlog = AttemptWorkload.create(PREFIX, questions.questions(), config.maxAttempts(),
                    config.seed());
            AttemptWorkload warmUp = AttemptWorkload.create(WARM_UP_PREFIX, questions.questions(),
                    config.maxAttempts(), config.seed() + 1);
            GraderBenchmark.publishQuestions(stack, backlog);
            GraderBenchmark.publishQuestions(stack, warmUp);
            ScriptedBatch batch = ScriptedBatch.prepare(backlog, config.records(), serializer, promptSerializer, out);
            ScriptedBatch warmUpBatch = ScriptedBatch.prepare(warmUp, Math.max(1, config.records() / 4), serializer,
                    promptSerializer, out);
            createRawTopic(stack.bootstrapServers());
            out.println("raw: producing the " + batch.size() + " attempts to " + RAW_TOPIC
                    + " and reading them back, no grader (once unreported, then measured) ...");
            out.flush();
            ProduceConsumeRun rawRun = new ProduceConsumeRun(stack.bootstrapServers(), RAW_TOPIC,
                    Topics.ATTEMPTS.partitions(), Map.of());
            rawRun.run(batch.keys(), batch.values(), batch.size(), 1, out, "raw warm-up");
            ProduceConsumeResult raw = rawRun.run(batch.keys(), batch.values(), batch.size(), 1, out, "raw");
            List<ChildComponent> graders = new ArrayList<>();
            try (GradedReader reader = new GradedReader(stack.bootstrapServers())) {
                for (int i = 0; i < instances; i++) {
                    graders.add(startGrader(config.command(), stack, i));
                }
                for (ChildComponent grader : graders) {
                    grader.awaitStarted(START_LIMIT);
                }
                // The instances' JIT warms up on a smaller backlog of other episodes before the clock starts.
                out.println(instances + " grader JVM(s) running; " + warmUpBatch.size() + " attempts to warm up ...");
                out.flush();
                send(stack, warmUpBatch);
                reader.awaitCount(WARM_UP_PREFIX + "-", warmUpBatch.size(), out, "warm-up");
                out.println("sending the backlog ...");
                out.flush();
                long begin = System.nanoTime();
                send(stack, batch);
                long drained = reader.awaitCount(PREFIX + "-", batch.size(), out, instances + " instance(s)");
                double seconds = (drained - begin) / 1e9;
                for (ChildComponent grader : graders) {
                    grader.requireAlive();
                }
                closeAll(graders);
                GradedAudit audit = GradedAudit.read(stack.bootstrapServers(), stack.serdes(),
                        batch.size() + warmUpBatch.size(), out);
                boolean asScripted = audit.verdicts(PREFIX).equals(batch.expectedVerdicts())
                        && audit.verdicts(WARM_UP_PREFIX).equals(warmUpBatch.expectedVerdicts());
                return new Row(instances, batch.size() / seconds, raw, seconds, audit, asScripted);
            } finally {
                closeAll(graders);
            }
        }
    }

    private static void closeAll(List<ChildComponent> graders) {
        for (ChildComponent grader : graders) {
            grader.close();
        }
    }

    private static void createRawTopic(String bootstrapServers) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(RAW_TOPIC, Topics.ATTEMPTS.partitions(), (short) 1))).all()
                    .get(1, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create " + RAW_TOPIC + ": " + e.getMessage(), e);
        }
    }

    /** The backlog's attempts, then the prompts that open their episodes, as the feeder and actors would. */
    private static void send(ScratchStack stack, ScriptedBatch batch) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                ProduceConsumeRun.producerConfig(stack.bootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < batch.size(); i++) {
                producer.send(new ProducerRecord<>(Topics.ATTEMPTS.name(), batch.keys().get(i), batch.values().get(i)));
            }
            producer.flush();
        }
        GraderBenchmark.publishPrompts(stack, batch);
    }

    static BenchReport report(Config config, MachineInfo machine, List<Row> rows) {
        Row base = rows.get(0);
        List<Figure> figures = new ArrayList<>();
        List<List<String>> table = new ArrayList<>();
        for (Row row : rows) {
            double raw = row.raw().records() / (row.raw().consumedNanos() / 1e9);
            double scaling = row.gradedPerSecond() / base.gradedPerSecond();
            figures.add(new Figure("graded attempts/s with " + row.instances() + " instance(s)",
                    row.gradedPerSecond(), "attempts/s"));
            figures.add(new Figure("raw produce→consume beside " + row.instances() + " instance(s)", raw,
                    "records/s"));
            figures.add(new Figure("scaling " + row.instances() + " / " + base.instances() + " instance(s)",
                    scaling, "x"));
            table.add(List.of(Integer.toString(row.instances()),
                    String.format(Locale.ROOT, "%,.0f", row.gradedPerSecond()),
                    String.format(Locale.ROOT, "%.1f", row.seconds()),
                    String.format(Locale.ROOT, "%.2fx", scaling),
                    String.format(Locale.ROOT, "%,.0f", raw),
                    String.format(Locale.ROOT, "%.2fx", row.gradedPerSecond() / raw),
                    String.format(Locale.ROOT, "%,d / %,d", row.audit().records(), row.audit().duplicates()),
                    row.asScripted() ? "yes" : "NO"));
        }
        BenchTable bench = new BenchTable(List.of("instances", "graded/s", "drain s", "scaling", "raw records/s",
                "graded / raw", "graded records / duplicates", "as scripted"), table);
        List<String> notes = List.of(
                "each instance is a separate JVM running `rollstream grader --threads 1` with one application id; "
                        + "the attempts topic has " + Topics.ATTEMPTS.partitions() + " partitions",
                "the broker, the registry, the backlog's producer and the reader share this machine's "
                        + machine.cores() + " cores with the instances");
        return new BenchReport("grader --instances", config.describe(), machine, figures, bench, notes);
    }

    private static ChildComponent startGrader(List<String> base, ScratchStack stack, int index)
            throws IOException {
        List<String> command = new ArrayList<>(base);
        command.addAll(List.of("grader", "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.registryUrl(), "--application-id", APPLICATION_ID,
                "--state-dir", stack.directory("grader-state-" + index).toString(), "--threads", "1"));
        Path log = stack.directory("graders").resolve("grader-" + index + ".log");
        return ChildComponent.start("grader", command, log);
    }
}
