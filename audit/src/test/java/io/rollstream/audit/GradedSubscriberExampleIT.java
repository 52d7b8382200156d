package io.rollstream.audit;

import static io.rollstream.audit.EpisodeScript.correct;
import static io.rollstream.audit.EpisodeScript.play;
import static io.rollstream.audit.EpisodeScript.wrong;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rollstream.infra.stack.LocalStack;
import io.rollstream.infra.stack.LocalStackConfig;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.registry.HttpSchemaRegistryClient;
import io.rollstream.schemas.serde.CatalogSerdes;
import io.rollstream.schemas.serde.SerdeOptions;
import io.rollstream.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradedSubscriberExampleIT {

    @TempDir
    Path dir;

    @Test
    void shouldReadGradedAttemptsIntoTheGeneratedClassThroughTheRegistryFromPropertiesAlone() throws Exception {
        try (LocalStack stack = LocalStack.start(LocalStackConfig.onFreePorts(dir.resolve("kafka")));
             HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.registryUrl())) {
            EpisodeScript e = play("sub-1", "q1", "7", 3, Instant.now(), "actor-s", 4, true, wrong(2), wrong(3),
                    correct("7"));
            try (TopicWriter writer = new TopicWriter(stack.bootstrapServers(),
                    CatalogSerdes.create(registry, SerdeOptions.defaults()))) {
                for (GradedAttempt g : e.graded()) {
                    writer.send(Topics.GRADED, g.getEpisodeId(), g);
                }
            }
            List<GradedAttempt> received = new ArrayList<>();
            try (GradedSubscriberExample subscriber = new GradedSubscriberExample(GradedSubscriberExample.properties(
                    stack.bootstrapServers(), stack.registryUrl(), "subscriber-it"))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (received.size() < e.graded().size() && System.nanoTime() < deadline) {
                    subscriber.pollOnce(Duration.ofMillis(200), received::add);
                }
            }
            received.sort(Comparator.comparingInt(GradedAttempt::getAttempt));
            assertEquals(e.graded(), received);
            assertEquals("sub-1 attempt 3: CORRECT reward 1.0 (grader 1.0.0, policy 4)",
                    GradedSubscriberExample.describe(received.get(2)));
        }
    }
}
