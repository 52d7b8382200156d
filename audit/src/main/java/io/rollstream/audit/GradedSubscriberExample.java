package io.rollstream.audit;

import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A downstream subscriber to rl-graded-v1 as any team would write one: a plain {@link KafkaConsumer} set up
 * only through properties, with the schema-registry-aware Avro deserializer reading values into the generated
 * {@link GradedAttempt} class. Run it with {@code java -cp ... io.rollstream.audit.GradedSubscriberExample
 * BOOTSTRAP REGISTRY_URL [GROUP]}; it prints one line per graded attempt until interrupted.
 */
public final class GradedSubscriberExample implements AutoCloseable {

    /** rl-graded-v1, from the catalog; a subscriber elsewhere writes the name as it is. */
    public static final String TOPIC = Topics.GRADED.name();

    private final KafkaConsumer<String, GradedAttempt> consumer;

    /** A subscriber configured by {@code properties}, e.g. from {@link #properties}. */
    public GradedSubscriberExample(Properties properties) {
        this.consumer = new KafkaConsumer<>(properties);
        consumer.subscribe(List.of(TOPIC));
    }

    /** Every property the subscriber needs; nothing else is configured in code. */
    public static Properties properties(String bootstrapServers, String schemaRegistryUrl, String groupId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", groupId);
        // The grader writes inside transactions: see only committed verdicts.
        p.put("isolation.level", "read_committed");
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        p.put("value.deserializer", "io.rollstream.schemas.serde.ConfluentAvroDeserializer");
        p.put("schema.registry.url", schemaRegistryUrl);
        // Read into the generated class (older writer schemas are resolved to it) instead of GenericRecord.
        p.put("specific.avro.reader", "true");
        p.put("specific.avro.value.type", GradedAttempt.class.getName());
        return p;
    }

    /** Polls once and hands every graded attempt to {@code handler}; returns how many there were. */
    public int pollOnce(Duration timeout, Consumer<GradedAttempt> handler) {
        int n = 0;
        for (ConsumerRecord<String, GradedAttempt> record : consumer.poll(timeout)) {
            handler.accept(record.value());
            n++;
        }
        return n;
    }

    /** Polls until {@code stop} says so, committing offsets automatically as a plain consumer does. */
    public void run(Consumer<GradedAttempt> handler, BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            pollOnce(Duration.ofMillis(500), handler);
        }
    }

    /** One line per graded attempt: episode, attempt, verdict, reward, grader version. */
    public static String describe(GradedAttempt g) {
        return String.format(Locale.ROOT, "%s attempt %d: %s reward %s (grader %s, policy %d)", g.getEpisodeId(),
                g.getAttempt(), g.getVerdict(), g.getReward(), g.getGraderVersion(),
                g.getAttemptRecord().getPolicyVersion());
    }

    @Override
    public void close() {
        consumer.close();
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: GradedSubscriberExample BOOTSTRAP_SERVERS SCHEMA_REGISTRY_URL [GROUP_ID]");
            System.exit(2);
        }
        String group = args.length > 2 ? args[2] : "graded-subscriber-example";
        try (GradedSubscriberExample subscriber = new GradedSubscriberExample(properties(args[0], args[1], group))) {
            subscriber.run(g -> System.out.println(describe(g)), () -> Thread.currentThread().isInterrupted());
        }
    }
}
