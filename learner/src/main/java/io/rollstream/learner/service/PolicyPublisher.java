package io.rollstream.learner.service;

import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.weights.Stored;
import io.rollstream.policy.weights.WeightsStore;
import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.headers.Provenance;
import io.rollstream.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes policy versions by claim check: the weights file goes into the content-addressed store first, then a
 * small {@link PolicyVersion} record naming its URI, sha256 and size goes to {@code rl-policy-versions-v1},
 * keyed by policy name. The send is waited for, so a returned version is on the broker.
 */
public final class PolicyPublisher {

    private final String policyName;
    private final WeightsStore store;
    private final Producer<String, PolicyVersion> producer;
    private final Path scratch;

    public PolicyPublisher(String policyName, WeightsStore store, Producer<String, PolicyVersion> producer,
                           Path scratch) {
        this.policyName = Objects.requireNonNull(policyName, "policyName");
        this.store = Objects.requireNonNull(store, "store");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.scratch = Objects.requireNonNull(scratch, "scratch");
    }

    /** Stores {@code model}'s weights and publishes them as {@code version}. */
    public PolicyVersion publish(PolicyModel model, long version, Long parentOrNull, String algorithm,
                                 long trainingStep, Map<String, Double> metrics) throws IOException {
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "policy-", ".bin");
        Stored stored;
        try {
            model.save(file);
            stored = store.put(file);
        } finally {
            Files.deleteIfExists(file);
        }
        Map<String, Double> finite = new HashMap<>();
        metrics.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                finite.put(k, v);
            }
        });
        PolicyVersion record = PolicyVersion.newBuilder()
                .setPolicyName(policyName)
                .setVersion(version)
                .setWeightsUri(stored.uri().toString())
                .setSha256(stored.sha256())
                .setSizeBytes(stored.sizeBytes())
                .setParentVersion(parentOrNull)
                .setModelConfig(model.config().toJson())
                .setAlgorithm(algorithm)
                .setTrainingStep(trainingStep)
                .setMetrics(new HashMap<>(finite))
                .setCreatedAt(Instant.now())
                .build();
        ProducerRecord<String, PolicyVersion> out =
                new ProducerRecord<>(Topics.POLICY_VERSIONS.name(), policyName, record);
        Provenance.put(out.headers(), Provenance.POLICY_VERSION, version);
        try {
            producer.send(out).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while publishing policy version " + version, e);
        } catch (ExecutionException e) {
            throw new IOException("publishing policy version " + version + " failed", e.getCause());
        }
        return record;
    }
}
