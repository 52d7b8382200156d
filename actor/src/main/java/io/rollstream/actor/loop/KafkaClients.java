package io.rollstream.actor.loop;

import io.rollstream.actor.config.ActorConfig;
import io.rollstream.schemas.avro.PolicyVersion;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The Kafka client settings of an actor: where exactly-once and the group membership are decided. */
final class KafkaClients {

    private KafkaClients() {
    }

    /**
     * The prompt consumer: raw bytes (so unreadable records can be dead-lettered as they are), offsets committed
     * only inside producer transactions, at most one batch per poll (the bound on in-flight work), and static
     * membership under the actor id so a restarted actor takes its partitions back without a rebalance.
     */
    static KafkaConsumer<byte[], byte[]> promptConsumer(ActorConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.actorId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "rollstream-actor-" + config.actorId() + "-prompts");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.batchSize());
        props.put(CommonClientConfigs.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
        props.put(CommonClientConfigs.HEARTBEAT_INTERVAL_MS_CONFIG, (int) config.sessionTimeout().toMillis() / 3);
        // Incremental rebalances move only the partitions that change owner; the others keep generating.
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        return new KafkaConsumer<>(config.login().kafkaConfig(props), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The transactional producer of attempts and dead letters; its id survives restarts of the same actor. */
    static KafkaProducer<byte[], byte[]> transactionalProducer(ActorConfig config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "rollstream-actor-" + config.actorId() + "-attempts");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config.login().kafkaConfig(props), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A group-less reader of the whole policy-versions topic, seeing committed versions only. */
    static KafkaConsumer<String, PolicyVersion> versionConsumer(ActorConfig config,
            Deserializer<PolicyVersion> values) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "rollstream-actor-" + config.actorId() + "-policy");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config.login().kafkaConfig(props), new StringDeserializer(), values);
    }
}
