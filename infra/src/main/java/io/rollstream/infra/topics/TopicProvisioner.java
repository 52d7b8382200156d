package io.rollstream.infra.topics;

import io.rollstream.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the catalog's topics with their partitions and configs, idempotently, and reports (never silently
 * accepts, never alters) existing topics that differ from the catalog.
 */
public final class TopicProvisioner {

    private static final long TIMEOUT_SECONDS = 30;
    private static final Duration METADATA_RETRY = Duration.ofMillis(50);

    private final Admin admin;
    private final short replicationFactor;

    /**
     * @param admin             client of the target cluster; the caller keeps ownership and closes it
     * @param replicationFactor replicas for topics this provisioner creates (1 on the embedded broker)
     */
    public TopicProvisioner(Admin admin, int replicationFactor) {
        this.admin = Objects.requireNonNull(admin, "admin");
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("replicationFactor must be >= 1, got " + replicationFactor);
        }
        this.replicationFactor = (short) replicationFactor;
    }

    /**
     * Creates each missing topic and compares each existing one with the catalog.
     *
     * @throws IllegalStateException when the cluster cannot be reached or refuses a creation for another reason
     */
    public ProvisionReport ensure(Collection<Topic<?, ?>> topics) {
        List<NewTopic> requests = topics.stream()
                .map(t -> new NewTopic(t.name(), t.partitions(), replicationFactor).configs(t.configs()))
                .toList();
        Map<String, KafkaFuture<Void>> results = admin.createTopics(requests).values();
        List<String> created = new ArrayList<>();
        List<Topic<?, ?>> existing = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            try {
                await(results.get(topic.name()));
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause(), e);
                }
                existing.add(topic);
            }
        }
        List<String> matching = new ArrayList<>();
        List<TopicMismatch> mismatches = new ArrayList<>();
        for (TopicStatus status : describeExisting(existing)) {
            if (status.mismatches().isEmpty()) {
                matching.add(status.name());
            }
            mismatches.addAll(status.mismatches());
        }
        return new ProvisionReport(created, matching, mismatches);
    }

    /**
     * Reads each topic's partition count and the values of the keys the catalog sets, and compares them.
     *
     * @throws IllegalStateException when the cluster cannot be reached
     */
    public List<TopicStatus> describe(Collection<Topic<?, ?>> topics) {
        if (topics.isEmpty()) {
            return List.of();
        }
        List<String> names = topics.stream().map(Topic::name).toList();
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(names).topicNameValues();
        Map<ConfigResource, KafkaFuture<Config>> configs = admin.describeConfigs(names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).values();
        List<TopicStatus> statuses = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            TopicDescription description;
            Config config;
            try {
                description = await(descriptions.get(topic.name()));
                config = await(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name())));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    statuses.add(new TopicStatus(topic.name(), false, 0, Map.of(), List.of()));
                    continue;
                }
                throw new IllegalStateException("cannot describe topic " + topic.name() + ": " + e.getCause(), e);
            }
            statuses.add(compare(topic, description.partitions().size(), config));
        }
        return statuses;
    }

    /**
     * Describes topics the controller said exist. The broker answers from its metadata image, which can lag the
     * controller briefly (a topic another process has just created), so an unknown topic is asked about again.
     */
    private List<TopicStatus> describeExisting(List<Topic<?, ?>> topics) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            List<TopicStatus> statuses = describe(topics);
            List<String> missing = statuses.stream().filter(s -> !s.exists()).map(TopicStatus::name).toList();
            if (missing.isEmpty()) {
                return statuses;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + missing + " exist on the controller but the broker"
                        + " does not describe them; were they deleted while being provisioned?");
            }
            LockSupport.parkNanos(METADATA_RETRY.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while waiting for topic metadata");
            }
        }
    }

    private static TopicStatus compare(Topic<?, ?> topic, int partitions, Config config) {
        List<TopicMismatch> mismatches = new ArrayList<>();
        if (partitions != topic.partitions()) {
            mismatches.add(new TopicMismatch(topic.name(), TopicMismatch.PARTITIONS,
                    Integer.toString(topic.partitions()), Integer.toString(partitions)));
        }
        Map<String, String> actual = new HashMap<>();
        for (Map.Entry<String, String> wanted : new TreeMap<>(topic.configs()).entrySet()) {
            ConfigEntry entry = config.get(wanted.getKey());
            String value = entry == null ? null : entry.value();
            if (value != null) {
                actual.put(wanted.getKey(), value);
            }
            if (!wanted.getValue().equals(value)) {
                mismatches.add(new TopicMismatch(topic.name(), wanted.getKey(), wanted.getValue(), value));
            }
        }
        return new TopicStatus(topic.name(), true, partitions, actual, mismatches);
    }

    private static <T> T await(KafkaFuture<T> future) throws ExecutionException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the cluster", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the cluster did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
