package io.rollstream.actor.loop;

import io.micrometer.core.instrument.MeterRegistry;
import io.rollstream.actor.config.ActorConfig;
import io.rollstream.actor.generation.AttemptGenerator;
import io.rollstream.actor.policy.LoadedPolicy;
import io.rollstream.actor.policy.PolicyFollower;
import io.rollstream.actor.policy.WeightsLocator;
import io.rollstream.policy.tokenizer.CharTokenizer;
import io.rollstream.policy.weights.LocalWeightsStore;
import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.Decoding;
import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.protocol.Conversation;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One actor: consumes prompts in a consumer group, answers them in batches with the newest verified policy
 * version, and commits each batch's attempts, dead letters and consumed offsets in one transaction, so every
 * prompt yields exactly one committed attempt however often actors die. Runs on its own thread
 * ({@link #start()}) until {@link #close()}, which finishes the batch in hand first.
 */
public final class ActorService implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ActorService.class);
    private static final Duration FIRST_POLICY_POLL = Duration.ofMillis(200);

    private final ActorConfig config;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final BatchTransaction transaction;
    private final PolicyFollower follower;
    private final KafkaConsumer<String, PolicyVersion> versionConsumer;
    private final HttpSchemaRegistryClient registry;
    private final PromptReader reader;
    private final AttemptGenerator generator;
    private final ActorMetrics metrics;
    private final Clock clock;
    private final PromptBatch batch = new PromptBatch();
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final CountDownLatch firstPolicy = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile Set<TopicPartition> assignment = Set.of();
    private LoadedPolicy current; // touched only by the loop thread
    private Thread thread; // guarded by this
    private boolean closedUnstarted; // guarded by this

    private ActorService(ActorConfig config, MeterRegistry meters, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.registry = new HttpSchemaRegistryClient(config.schemaRegistryUrl(), config.login());
        CatalogSerdes serdes = CatalogSerdes.create(registry, SerdeOptions.defaults());
        CharTokenizer tokenizer = CharTokenizer.standard();
        this.follower = new PolicyFollower(config.policyName(),
                new WeightsLocator(new LocalWeightsStore(config.weightsDir())), config.device(), tokenizer, clock);
        this.versionConsumer = KafkaClients.versionConsumer(
                config, serdes.valueSerde(Topics.POLICY_VERSIONS).deserializer());
        this.consumer = KafkaClients.promptConsumer(config);
        KafkaProducer<byte[], byte[]> producer = KafkaClients.transactionalProducer(config);
        this.metrics = new ActorMetrics(meters, config.actorId(), follower, consumer);
        this.transaction = new BatchTransaction(config, producer, consumer,
                serdes.keySerde(Topics.ATTEMPTS).serializer(), serdes.valueSerde(Topics.ATTEMPTS).serializer());
        this.reader = new PromptReader(serdes.valueSerde(Topics.PROMPTS).deserializer());
        this.generator = new AttemptGenerator(config, tokenizer, clock);
    }

    /** An actor for {@code config} reporting to {@code meters}; nothing connects until {@link #start()}. */
    public static ActorService create(ActorConfig config, MeterRegistry meters) {
        return new ActorService(config, meters, Clock.systemUTC());
    }

    /** Runs the actor on a thread of its own. */
    public synchronized void start() {
        if (thread != null || closedUnstarted) {
            throw new IllegalStateException(thread != null ? "already started" : "closed");
        }
        thread = new Thread(this, "rollstream-actor-" + config.actorId());
        thread.start();
    }

    @Override
    public void run() {
        try {
            follower.start(versionConsumer, "rollstream-policy-follower-" + config.actorId());
            transaction.init();
            awaitFirstVersion();
            consumer.subscribe(List.of(Topics.PROMPTS.name()), new Rebalance());
            while (running) {
                throwIfFollowerFailed();
                follower.takeLoaded().ifPresent(this::serve); // swaps happen only here, between batches
                collect();
                if (!batch.isEmpty()) {
                    answerBatch();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (RuntimeException | Error e) {
            LOG.error("actor {} stopped by an infrastructure fault", config.actorId(), e);
            failure = e;
        } finally {
            shutDown();
            stopped.countDown();
        }
    }

    /** No prompt is consumed before a verified version is loaded: the group is joined only afterwards. */
    private void awaitFirstVersion() throws InterruptedException {
        while (running && current == null) {
            throwIfFollowerFailed();
            follower.awaitLoaded(FIRST_POLICY_POLL).ifPresent(this::serve);
        }
    }

    private void serve(LoadedPolicy next) {
        LoadedPolicy old = current;
        current = next;
        metrics.serving(next.version());
        firstPolicy.countDown();
        if (old != null) {
            LOG.info("actor {} now serving {} (was {})", config.actorId(), next, old);
            old.close();
        } else {
            LOG.info("actor {} serving {}", config.actorId(), next);
        }
    }

    /**
     * Polls until the batch is full or {@code maxBatchWait} has passed. Records beyond the batch are handed back
     * by seeking their partition to the first of them, so in-flight work never exceeds one batch.
     */
    private void collect() {
        long deadline = System.nanoTime() + config.maxBatchWait().toNanos();
        while (running && batch.size() < config.batchSize()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Set<TopicPartition> overflowed = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofNanos(left))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (batch.size() < config.batchSize() && !overflowed.contains(partition)) {
                    batch.add(record);
                } else if (overflowed.add(partition)) {
                    consumer.seek(partition, record.offset());
                }
            }
        }
    }

    /** A prompt asking for value-guided search from a version whose value head ranks at random. */
    static boolean refusesSearch(Prompt prompt, LoadedPolicy policy) {
        return prompt.getDecoding() == Decoding.VALUE_GUIDED_SEARCH && !policy.trainedCritic();
    }

    private void answerBatch() {
        List<PromptRead> reads = batch.records().stream().map(reader::read).toList();
        List<PromptRead.Readable> readable = new ArrayList<>();
        List<PromptRead.Unreadable> unreadable = new ArrayList<>();
        for (PromptRead read : reads) {
            if (read instanceof PromptRead.Readable r) {
                readable.add(r);
            } else if (read instanceof PromptRead.Unreadable u) {
                unreadable.add(u);
            }
        }
        // Every policy's actors read the one prompts topic in a group of their own and answer only their
        // policy's prompts; the others' offsets are committed with the batch, so they are skipped once.
        List<Prompt> prompts = new ArrayList<>();
        int foreign = 0;
        for (PromptRead.Readable r : readable) {
            if (!Conversation.policyOf(r.prompt().getPolicyName()).equals(config.policyName())) {
                foreign++;
            } else if (refusesSearch(r.prompt(), current)) {
                unreadable.add(new PromptRead.Unreadable(r.record(), new IllegalStateException("prompt "
                        + r.prompt().getPromptId() + " asks for value-guided search, but " + current
                        + " has no trained value head (only PPO and OREO versions do); answer it with SAMPLE or "
                        + "serve a version whose critic was trained"), PromptRead.Unreadable.NO_TRAINED_VALUE_HEAD));
            } else {
                prompts.add(r.prompt());
            }
        }
        metrics.skippedForeign(foreign);
        for (Prompt prompt : prompts) {
            if (prompt.getPolicyVersion() != null && prompt.getPolicyVersion() != current.version()) {
                metrics.pinMismatch(); // answered by the serving version and stamped with it, never mislabelled
            }
        }
        Instant start = clock.instant();
        List<Attempt> attempts = prompts.isEmpty() ? List.of() : generator.generate(prompts, current);
        long tokens = attempts.stream().mapToLong(a -> a.getResponseTokenIds().size()).sum();
        metrics.generated(reads.size(), tokens, Duration.between(start, clock.instant()));
        boolean committed = transaction.commit(attempts, unreadable, batch.nextOffsets());
        if (committed) {
            metrics.committed(attempts.size(), unreadable.size());
        } else {
            metrics.aborted();
        }
        batch.clear();
    }

    private void throwIfFollowerFailed() {
        Optional<Throwable> followerFailure = follower.failure();
        if (followerFailure.isPresent()) {
            throw new IllegalStateException("the policy follower failed", followerFailure.get());
        }
    }

    private void shutDown() {
        try {
            transaction.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the producer failed", e);
        }
        try {
            // Leave explicitly: a static member would otherwise keep its partitions until the session times out.
            consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(10)));
        } catch (RuntimeException e) {
            LOG.warn("closing the prompt consumer failed", e);
        }
        follower.close();
        if (current != null) {
            current.close();
            current = null;
        }
        registry.close();
        metrics.close();
        ActorStats totals = metrics.snapshot();
        LOG.info("actor {} stopped {}: {} attempts and {} dead letters committed", config.actorId(),
                failure == null ? "cleanly" : "after a fault", totals.attempts(), totals.deadLetters());
    }

    /** Waits until this actor owns at least one prompt partition. */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits until the first policy version is loaded and serving. */
    public boolean awaitFirstPolicy(Duration timeout) throws InterruptedException {
        return firstPolicy.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits until the loop has stopped, by {@link #close()} or by a fault; true when it has. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Prompt partitions owned now. */
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    /** The fault that stopped the actor, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** The follower, for its published/rejected counts. */
    public PolicyFollower follower() {
        return follower;
    }

    /** Totals so far. */
    public ActorStats stats() {
        return metrics.snapshot();
    }

    /** Stops after the batch in hand is committed, leaves the group and closes every client. */
    @Override
    public void close() {
        running = false;
        Thread loop;
        synchronized (this) {
            loop = thread;
            if (loop == null) {
                if (!closedUnstarted) {
                    closedUnstarted = true;
                    shutDown();
                    versionConsumer.close(); // the follower never started, so it never took the consumer over
                }
                return;
            }
        }
        if (loop != Thread.currentThread()) {
            try {
                loop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Drops polled-but-unanswered records of partitions this actor no longer owns. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            batch.drop(partitions);
            Set<TopicPartition> owned = new HashSet<>(assignment);
            owned.removeAll(partitions);
            assignment = Set.copyOf(owned);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Set<TopicPartition> owned = new HashSet<>(assignment);
            owned.addAll(partitions);
            assignment = Set.copyOf(owned);
            if (!owned.isEmpty()) {
                assigned.countDown();
            }
        }
    }
}
