package io.rollstream.infra.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.infra.kafka.EmbeddedKafka;
import io.rollstream.infra.kafka.EmbeddedKafkaConfig;
import io.rollstream.schemas.topics.Topic;
import io.rollstream.schemas.topics.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicProvisionerIT {

    @TempDir
    Path dir;

    @Test
    void shouldCreateTheWholeCatalogOnceAndThenReportTopicsThatWereAlteredAfterwards() throws Exception {
        List<Topic<?, ?>> catalog = Topics.allWithInternal();
        List<String> names = catalog.stream().map(Topic::name).toList();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.at(dir));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, 1);

            ProvisionReport first = provisioner.ensure(catalog);
            assertEquals(names, first.created());
            assertTrue(first.matching().isEmpty());
            assertTrue(first.consistent(), first.describe());
            assertTrue(admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .names().get(10, TimeUnit.SECONDS).containsAll(names));

            ProvisionReport second = provisioner.ensure(catalog);
            assertEquals(List.of(), second.created());
            assertEquals(names, second.matching());
            assertTrue(second.consistent(), second.describe());

            String prompts = Topics.PROMPTS.name();
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, prompts),
                    List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET))))
                    .all().get(10, TimeUnit.SECONDS);
            String attempts = Topics.ATTEMPTS.name();
            admin.createPartitions(Map.of(attempts, NewPartitions.increaseTo(Topics.ATTEMPTS.partitions() + 2)))
                    .all().get(10, TimeUnit.SECONDS);

            // The broker serves describe requests from its metadata image, which follows the controller shortly.
            awaitAltered(admin, prompts, attempts, Topics.ATTEMPTS.partitions() + 2);

            ProvisionReport third = provisioner.ensure(catalog);
            assertFalse(third.consistent());
            assertEquals(Set.of(
                    new TopicMismatch(prompts, "retention.ms", Topics.PROMPTS.configs().get("retention.ms"), "1000"),
                    new TopicMismatch(attempts, TopicMismatch.PARTITIONS,
                            Integer.toString(Topics.ATTEMPTS.partitions()),
                            Integer.toString(Topics.ATTEMPTS.partitions() + 2))),
                    Set.copyOf(third.mismatches()));
            assertFalse(third.matching().contains(prompts));
            assertEquals(names.size() - 2, third.matching().size());
            String text = third.describe();
            assertTrue(text.contains(prompts + ": retention.ms is 1000, catalog expects 604800000"), text);

            List<TopicStatus> statuses = provisioner.describe(List.of(Topics.PROMPTS, Topics.QUESTIONS));
            assertEquals(1, statuses.get(0).mismatches().size());
            assertEquals("compact", statuses.get(1).configs().get("cleanup.policy"));
        }
    }

    private static void awaitAltered(Admin admin, String prompts, String attempts, int partitions) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            String retention = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, prompts)))
                    .all().get(10, TimeUnit.SECONDS).values().iterator().next().get("retention.ms").value();
            int actual = admin.describeTopics(List.of(attempts)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(attempts).partitions().size();
            if ("1000".equals(retention) && actual == partitions) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "broker never showed the altered topics");
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    @Test
    void shouldDescribeATopicThatDoesNotExistAsMissing() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.at(dir));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            List<TopicStatus> statuses = new TopicProvisioner(admin, 1).describe(List.of(Topics.GRADED));
            assertEquals(List.of(new TopicStatus(Topics.GRADED.name(), false, 0, Map.of(), List.of())), statuses);
            assertEquals(Topics.GRADED.name() + ": missing", statuses.get(0).describe());
        }
    }
}
