package io.rollstream.cli.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.rollstream.cli.run.RunningComponent;
import io.rollstream.feeder.FeedConfig;
import io.rollstream.feeder.FeedMetrics;
import io.rollstream.feeder.FeedProgress;
import io.rollstream.feeder.FeedReport;
import io.rollstream.feeder.Feeder;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.tasks.TaskItem;
import io.rollstream.schemas.security.ClientLogin;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;

/**
 * A feed as the lifecycle runs it: publishes every record on a thread of its own and stops by itself once all are
 * acknowledged; closing it earlier interrupts the feed (records already sent may have been published).
 */
final class RunningFeed implements RunningComponent {

    private final List<TaskItem> items;
    private final Feeder feeder;
    private final FeedMetrics metrics;
    private final Consumer<FeedProgress> progress;
    private final HttpSchemaRegistryClient registry;
    private final Producer<byte[], byte[]> producer;
    private final Thread thread;
    private volatile FeedReport done;
    private volatile Throwable failure;
    private boolean closed; // guarded by this

    private RunningFeed(FeedConfig config, ClientLogin login, List<TaskItem> items, MeterRegistry meters,
                        Consumer<FeedProgress> printer) {
        this.items = items;
        this.metrics = new FeedMetrics(meters);
        this.progress = metrics.andThen(printer);
        this.registry = new HttpSchemaRegistryClient(config.schemaRegistryUrl(), login);
        this.producer = new KafkaProducer<>(Feeder.producerConfig(config.bootstrapServers(), login));
        this.feeder = new Feeder(config, producer, CatalogSerdes.create(registry, SerdeOptions.defaults()),
                Clock.systemUTC());
        this.thread = new Thread(this::feed, "rollstream-feeder");
    }

    static RunningFeed start(FeedConfig config, ClientLogin login, List<TaskItem> items, MeterRegistry meters,
                             Consumer<FeedProgress> printer) {
        RunningFeed feed = new RunningFeed(config, login, items, meters, printer);
        feed.thread.start();
        return feed;
    }

    private void feed() {
        try {
            done = feeder.feed(items, progress);
        } catch (InterruptedException e) {
            failure = new InterruptedException("feed stopped early; records already sent may have been published");
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    @Override
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    @Override
    public String report() {
        FeedReport report = done;
        if (report != null) {
            return report.describe();
        }
        FeedProgress p = metrics.progress();
        return String.format(Locale.ROOT, "questions %d/%d, prompts %d/%d", p.questionsSent(), p.questionsTotal(),
                p.promptsSent(), p.promptsTotal());
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (thread.isAlive()) {
            thread.interrupt();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
        registry.close();
    }
}
