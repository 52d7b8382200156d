package io.rollstream.infra.registry;

import io.rollstream.infra.registry.StoreRecord.SchemaProposal;
import io.rollstream.schemas.topics.Topic;
import io.rollstream.schemas.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's storage: follows the single-partition {@code _schemas} topic from the beginning into a
 * {@link RegistryState}, and writes by appending a record and waiting until the follower has applied it.
 */
final class SchemaLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaLog.class);
    private static final Topic<String, String> TOPIC = Topics.SCHEMAS;
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC.name(), 0);
    private static final int MAX_REPLICATION = 3;

    private final RegistryState state;
    private final Duration timeout;
    private final Map<String, CompletableFuture<Optional<Registration>>> pendingProposals = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Object progress = new Object();
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final Thread follower;
    private volatile boolean running = true;
    private volatile RuntimeException failure;
    /** Offset of the next record the follower will apply; guarded by {@link #progress}. */
    private long position;

    private SchemaLog(String bootstrapServers, Map<String, Object> clientProperties, RegistryState state,
                      Duration timeout) {
        this.state = state;
        this.timeout = timeout;
        this.producer = new KafkaProducer<>(withClient(clientProperties, Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0)),
                new StringSerializer(), new StringSerializer());
        this.consumer = new KafkaConsumer<>(withClient(clientProperties, Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")),
                new StringDeserializer(), new StringDeserializer());
        this.follower = new Thread(this::follow, "schema-registry-log-follower");
        this.follower.setDaemon(true);
    }

    /**
     * Creates the topic when missing, reads it to its current end and keeps following it.
     *
     * @throws IllegalStateException when the topic cannot be created or read within the timeout
     */
    static SchemaLog open(String bootstrapServers, RegistryState state, Duration timeout) {
        return open(bootstrapServers, Map.of(), state, timeout);
    }

    /** As {@link #open(String, RegistryState, Duration)}, with client settings (SASL login) for every client. */
    static SchemaLog open(String bootstrapServers, Map<String, Object> clientProperties, RegistryState state,
                          Duration timeout) {
        ensureTopic(bootstrapServers, clientProperties, timeout);
        SchemaLog log = new SchemaLog(bootstrapServers, clientProperties, state, timeout);
        log.follower.start();
        try {
            log.caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.close();
            throw new IllegalStateException("interrupted while reading " + TOPIC.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            log.close();
            throw new IllegalStateException("cannot read " + TOPIC.name() + " from " + bootstrapServers, e);
        }
        return log;
    }

    /**
     * Appends a proposal and waits until it has been applied.
     *
     * @return the registration holding the schema, or empty when an earlier record took the proposed version
     */
    Optional<Registration> propose(SchemaProposal proposal) {
        CompletableFuture<Optional<Registration>> outcome = new CompletableFuture<>();
        pendingProposals.put(proposal.proposalId(), outcome);
        try {
            append(proposal);
            return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for " + TOPIC.name(), e);
        } catch (ExecutionException e) {
            throw new StoreException("the registry stopped following " + TOPIC.name(), e.getCause());
        } catch (TimeoutException e) {
            throw new StoreTimeoutException("proposal not read back from " + TOPIC.name() + " within " + timeout, e);
        } finally {
            pendingProposals.remove(proposal.proposalId());
        }
    }

    /** Appends a record and waits until the follower has applied it. */
    void write(StoreRecord record) {
        long offset = append(record);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (position <= offset) {
                checkHealthy();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StoreTimeoutException("record " + offset + " not read back within " + timeout, null);
                }
                try {
                    progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while waiting for " + TOPIC.name(), e);
                }
            }
        }
    }

    private long append(StoreRecord record) {
        checkHealthy();
        StoreRecordCodec.Encoded encoded = StoreRecordCodec.encode(record);
        try {
            return producer.send(new ProducerRecord<>(TOPIC.name(), 0, encoded.key(), encoded.value()))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while writing to " + TOPIC.name(), e);
        } catch (ExecutionException e) {
            throw new StoreException("cannot write to " + TOPIC.name() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new StoreTimeoutException("write to " + TOPIC.name() + " not acknowledged within " + timeout, e);
        }
    }

    private void checkHealthy() {
        RuntimeException failed = failure;
        if (failed != null) {
            throw new StoreException("the registry stopped following " + TOPIC.name(), failed);
        }
    }

    private void follow() {
        try {
            consumer.assign(List.of(PARTITION));
            consumer.seekToBeginning(List.of(PARTITION));
            long end = consumer.endOffsets(List.of(PARTITION), timeout).get(PARTITION);
            while (running) {
                if (!caughtUp.isDone() && currentPosition() >= end) {
                    caughtUp.complete(null);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    applyRecord(record);
                }
                long next = consumer.position(PARTITION);
                synchronized (progress) {
                    position = next;
                    progress.notifyAll();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                fail(new IllegalStateException("follower woken up while running", e));
            }
        } catch (RuntimeException e) {
            LOG.error("schema registry stopped following {}", TOPIC.name(), e);
            fail(e);
        } finally {
            consumer.close();
        }
    }

    private void applyRecord(ConsumerRecord<String, String> record) {
        Optional<StoreRecord> decoded;
        try {
            decoded = StoreRecordCodec.decode(record.key(), record.value());
        } catch (IllegalArgumentException e) {
            // Someone else wrote to the topic; skipping keeps every instance in step because all skip alike.
            LOG.warn("skipping unreadable {} record at offset {}: {}", TOPIC.name(), record.offset(), e.getMessage());
            return;
        }
        if (decoded.isEmpty()) {
            return;
        }
        Optional<Registration> outcome = state.apply(decoded.get());
        if (decoded.get() instanceof SchemaProposal proposal) {
            CompletableFuture<Optional<Registration>> waiting = pendingProposals.get(proposal.proposalId());
            if (waiting != null) {
                waiting.complete(outcome);
            }
        }
    }

    private long currentPosition() {
        synchronized (progress) {
            return position;
        }
    }

    private void fail(RuntimeException e) {
        failure = e;
        caughtUp.completeExceptionally(e);
        pendingProposals.values().forEach(f -> f.completeExceptionally(e));
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    private static Map<String, Object> withClient(Map<String, Object> clientProperties, Map<String, Object> own) {
        Map<String, Object> merged = new HashMap<>(clientProperties);
        merged.putAll(own);
        return merged;
    }

    private static void ensureTopic(String bootstrapServers, Map<String, Object> clientProperties, Duration timeout) {
        try (Admin admin = Admin.create(withClient(clientProperties,
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)))) {
            int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            short replication = (short) Math.max(1, Math.min(MAX_REPLICATION, brokers));
            try {
                admin.createTopics(List.of(new NewTopic(TOPIC.name(), TOPIC.partitions(), replication)
                        .configs(TOPIC.configs()))).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            TopicDescription description = describeOnceVisible(admin, timeout);
            if (description.partitions().size() != 1) {
                // With several partitions instances could read registrations in different orders.
                throw new IllegalStateException(TOPIC.name() + " must have exactly one partition, it has "
                        + description.partitions().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + TOPIC.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create " + TOPIC.name() + " on " + bootstrapServers, e);
        }
    }

    /** A topic just created is briefly unknown to the broker's metadata cache; ask again until it shows. */
    private static TopicDescription describeOnceVisible(Admin admin, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return admin.describeTopics(List.of(TOPIC.name())).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(TOPIC.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            follower.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** The backing topic failed; maps to Confluent's 50001. */
    static class StoreException extends RuntimeException {
        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The backing topic did not answer in time; maps to Confluent's 50002. */
    static final class StoreTimeoutException extends StoreException {
        StoreTimeoutException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
