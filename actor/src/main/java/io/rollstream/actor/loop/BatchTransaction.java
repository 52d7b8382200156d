package io.rollstream.actor.loop;

import io.rollstream.actor.config.ActorConfig;
import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.headers.DeadLetter;
import io.rollstream.schemas.headers.Provenance;
import io.rollstream.schemas.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits one batch atomically: its attempts, its dead letters and the consumed offsets, following the
 * pattern of {@code KafkaProducer}'s documentation. Fencing and authorization errors are fatal (another
 * instance owns this transactional id, or the cluster refuses it); any other Kafka error aborts the transaction
 * and rewinds the batch's partitions to their committed offsets, so the batch is answered again, once.
 */
final class BatchTransaction implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchTransaction.class);
    /** Aborts in a row after which the fault is taken to be lasting rather than a rebalance. */
    private static final int MAX_CONSECUTIVE_ABORTS = 5;

    private final ActorConfig config;
    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> consumer;
    private final Serializer<String> keys;
    private final Serializer<Attempt> attempts;
    private int consecutiveAborts;
    private boolean open;

    BatchTransaction(ActorConfig config, Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer,
            Serializer<String> keys, Serializer<Attempt> attempts) {
        this.config = config;
        this.producer = producer;
        this.consumer = consumer;
        this.keys = keys;
        this.attempts = attempts;
    }

    /** Registers the transactional id, fencing any earlier producer with it and aborting its open transaction. */
    void init() {
        producer.initTransactions();
    }

    /**
     * Sends everything and commits; false when the transaction was aborted and the batch rewound. Unrecoverable
     * errors propagate.
     */
    boolean commit(List<Attempt> answered, List<PromptRead.Unreadable> unreadable,
            Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            producer.beginTransaction();
            open = true;
            for (Attempt attempt : answered) {
                producer.send(attemptRecord(attempt));
            }
            for (PromptRead.Unreadable dead : unreadable) {
                producer.send(deadLetter(dead));
            }
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
            open = false;
            consecutiveAborts = 0;
            return true;
        } catch (ProducerFencedException | FencedInstanceIdException | OutOfOrderSequenceException
                | AuthorizationException | UnsupportedVersionException e) {
            open = false; // a fenced producer can neither commit nor abort; the broker aborts for it
            throw e;
        } catch (KafkaException e) {
            abort(offsets.keySet(), e);
            return false;
        }
    }

    private void abort(Set<TopicPartition> partitions, KafkaException cause) {
        consecutiveAborts++;
        LOG.warn("actor {} aborts a batch of {} partitions ({} in a row): {}", config.actorId(), partitions.size(),
                consecutiveAborts, cause.toString());
        producer.abortTransaction();
        open = false;
        if (consecutiveAborts >= MAX_CONSECUTIVE_ABORTS) {
            throw new IllegalStateException(consecutiveAborts + " batches in a row aborted", cause);
        }
        rewind(partitions);
    }

    /** Puts the batch's partitions back at their committed offsets (the start, where none is committed). */
    private void rewind(Set<TopicPartition> partitions) {
        Set<TopicPartition> owned = partitions.stream()
                .filter(consumer.assignment()::contains)
                .collect(Collectors.toSet());
        if (owned.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(owned);
        for (TopicPartition partition : owned) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset);
            } else {
                consumer.seekToBeginning(Set.of(partition));
            }
        }
    }

    private ProducerRecord<byte[], byte[]> attemptRecord(Attempt attempt) {
        String topic = Topics.ATTEMPTS.name();
        Headers headers = new RecordHeaders();
        Provenance.put(headers, Provenance.POLICY_VERSION, attempt.getPolicyVersion());
        Provenance.put(headers, Provenance.EPISODE, attempt.getEpisodeId());
        Provenance.put(headers, Provenance.ATTEMPT, attempt.getAttempt());
        Provenance.put(headers, Provenance.ACTOR, attempt.getActorId());
        byte[] key = keys.serialize(topic, headers, attempt.getEpisodeId());
        byte[] value = attempts.serialize(topic, headers, attempt);
        return new ProducerRecord<>(topic, null, key, value, headers);
    }

    private ProducerRecord<byte[], byte[]> deadLetter(PromptRead.Unreadable dead) {
        ConsumerRecord<byte[], byte[]> original = dead.record();
        Headers headers = new RecordHeaders(original.headers().toArray());
        DeadLetter.annotate(headers, original.topic(), original.partition(), original.offset(), dead.error(),
                dead.reason(), config.componentName());
        return new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, original.key(), original.value(), headers);
    }

    /** Closes the producer, aborting a transaction left open by a fault outside Kafka (e.g. the registry). */
    @Override
    public void close() {
        if (open) {
            try {
                producer.abortTransaction();
            } catch (KafkaException e) {
                LOG.warn("could not abort the open transaction; the broker will time it out", e);
            }
        }
        producer.close();
    }
}
