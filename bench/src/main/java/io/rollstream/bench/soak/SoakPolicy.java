package io.rollstream.bench.soak;

import io.rollstream.policy.model.DeviceChoice;
import io.rollstream.policy.model.ModelConfig;
import io.rollstream.policy.model.PolicyModel;
import io.rollstream.policy.weights.LocalWeightsStore;
import io.rollstream.policy.weights.Stored;
import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Version 1 of the soak's policy: untrained weights of the {@code tiny} preset in a local store. */
public final class SoakPolicy {

    static final String NAME = "soak";

    private SoakPolicy() {
    }

    /**
     * Writes untrained tiny weights under {@code weightsDir} and publishes version 1 of {@code policyName} pointing
     * at them, as actors load it.
     */
    public static void publish(String bootstrapServers, CatalogSerdes serdes, String policyName, Path weightsDir,
                               Path scratch) throws Exception {
        ModelConfig tiny = ModelConfig.preset("tiny");
        Path file = scratch.resolve("tiny-v1.bin");
        try (PolicyModel model = PolicyModel.create(tiny, DeviceChoice.CPU, 1)) {
            model.save(file);
        }
        Stored stored = new LocalWeightsStore(weightsDir).put(file);
        PolicyVersion version = PolicyVersion.newBuilder()
                .setPolicyName(policyName)
                .setVersion(1)
                .setWeightsUri(stored.uri().toString())
                .setSha256(stored.sha256())
                .setSizeBytes(stored.sizeBytes())
                .setParentVersion(null)
                .setModelConfig(tiny.toJson())
                .setAlgorithm("SFT")
                .setTrainingStep(0)
                .setMetrics(Map.of())
                .setCreatedAt(Instant.now())
                .build();
        try (KafkaProducer<String, PolicyVersion> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                serdes.keySerde(Topics.POLICY_VERSIONS).serializer(),
                serdes.valueSerde(Topics.POLICY_VERSIONS).serializer())) {
            producer.send(new ProducerRecord<>(Topics.POLICY_VERSIONS.name(), policyName, version)).get(30, TimeUnit.SECONDS);
        }
    }
}
