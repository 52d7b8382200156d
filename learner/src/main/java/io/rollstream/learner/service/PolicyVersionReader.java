package io.rollstream.learner.service;

import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/** Reads the compacted policy-version topic to its end and returns the newest version of one policy. */
public final class PolicyVersionReader {

    private PolicyVersionReader() {
    }

    /** Newest published version of {@code policyName}; {@code consumer} is used and left open. */
    public static Optional<PolicyVersion> latest(Consumer<String, PolicyVersion> consumer, String policyName,
                                                 Duration timeout) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.POLICY_VERSIONS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Instant deadline = Instant.now().plus(timeout);
        PolicyVersion newest = null;
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("could not read " + Topics.POLICY_VERSIONS + " to its end in " + timeout);
            }
            for (ConsumerRecord<String, PolicyVersion> record : consumer.poll(Duration.ofMillis(200))) {
                PolicyVersion v = record.value();
                if (v != null && policyName.equals(v.getPolicyName())
                        && (newest == null || v.getVersion() > newest.getVersion())) {
                    newest = v;
                }
            }
        }
        return Optional.ofNullable(newest);
    }
}
