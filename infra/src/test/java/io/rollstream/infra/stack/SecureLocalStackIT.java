package io.rollstream.infra.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.infra.security.Credentials;
import io.rollstream.infra.security.Role;
import io.rollstream.infra.security.SaslClients;
import io.rollstream.infra.security.SecurityCredentials;
import io.rollstream.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureLocalStackIT {

    @TempDir
    Path dir;

    @Test
    void shouldStartTheStackWithRoleUsersAclsAndAnAuthenticatedRegistry() throws Exception {
        SecurityCredentials credentials = SecurityCredentials.random();
        long started = System.nanoTime();
        try (LocalStack stack = LocalStack.startSecure(LocalStackConfig.onFreePorts(dir), credentials)) {
            System.out.printf("secure stack up in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            assertTrue(stack.provisionReport().consistent(), stack.provisionReport().describe());

            try (KafkaProducer<String, String> grader = producer(stack, credentials.of(Role.GRADER))) {
                grader.send(new ProducerRecord<>(Topics.GRADED.name(), "ep-1", "graded")).get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> learner = producer(stack, credentials.of(Role.LEARNER))) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> learner
                        .send(new ProducerRecord<>(Topics.TRAJECTORIES.name(), "ep-1", "forged")).get(30, TimeUnit.SECONDS));
                assertInstanceOf(TopicAuthorizationException.class, e.getCause());
            }

            HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create(stack.registryUrl() + "/subjects")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());
        }
    }

    private static KafkaProducer<String, String> producer(LocalStack stack, Credentials user) {
        Map<String, Object> props = new HashMap<>(SaslClients.properties(user));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
