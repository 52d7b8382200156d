package io.rollstream.infra.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.topics.Topic;
import io.rollstream.schemas.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackClusterIT {

    @TempDir
    Path dir;

    @Test
    void shouldRunTheStackOnThreeBrokersWithEveryTopicReplicatedThreeWays() throws Exception {
        long started = System.nanoTime();
        try (LocalStack stack = LocalStack.start(new LocalStackConfig(dir, 0, 0, 3));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            System.out.printf("3-broker stack up in %d ms at %s%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), stack.bootstrapServers());
            assertEquals(3, stack.bootstrapServers().split(",").length);
            assertEquals(3, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
            assertTrue(stack.provisionReport().mismatches().isEmpty(), stack.provisionReport().describe());

            List<String> names = Topics.allWithInternal().stream().map(Topic::name).toList();
            Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            for (TopicDescription topic : topics.values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    assertEquals(3, partition.replicas().size(), topic.name() + "-" + partition.partition());
                }
            }
            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(30, TimeUnit.SECONDS);
            configs.forEach((resource, config) -> {
                assertEquals("2", config.get("min.insync.replicas").value(), resource.name());
                assertEquals("false", config.get("unclean.leader.election.enable").value(), resource.name());
            });

            try (HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl())) {
                int id = registry.register(Topics.GRADED.valueSubject(), GradedAttempt.getClassSchema());
                assertEquals(GradedAttempt.getClassSchema(), registry.schemaById(id));
            }
        }
    }
}
