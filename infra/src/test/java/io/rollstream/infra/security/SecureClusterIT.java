package io.rollstream.infra.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rollstream.infra.kafka.EmbeddedKafka;
import io.rollstream.infra.kafka.SecureEmbeddedKafka;
import io.rollstream.infra.registry.EmbeddedSchemaRegistry;
import io.rollstream.infra.registry.RegistryAccess;
import io.rollstream.infra.registry.RegistryConfig;
import io.rollstream.infra.topics.TopicProvisioner;
import io.rollstream.schemas.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A secure broker and registry set up as an operator would: SCRAM users through the Admin API, the catalog's
 * ACLs, topics created by the administrator, the registry logged in over SASL and behind basic auth.
 */
class SecureClusterIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String SCHEMA = "{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\"}";

    private static Path dir;
    private static SecurityCredentials credentials;
    private static EmbeddedKafka kafka;
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void startSecureCluster() throws Exception {
        long started = System.nanoTime();
        dir = Files.createTempDirectory("rollstream-secure-");
        credentials = SecurityCredentials.random();
        kafka = SecureEmbeddedKafka.start(dir, credentials.admin());
        try (Admin admin = Admin.create(client(credentials.admin(), Map.of()))) {
            ScramUsers.upsertRoleUsers(admin, credentials);
            ScramUsers.applyAcls(admin, credentials);
            new TopicProvisioner(admin, 1).ensure(Topics.all());
        }
        registry = EmbeddedSchemaRegistry.start(RegistryConfig.local(kafka.bootstrapServers()),
                SaslClients.properties(credentials.admin()), RegistryAccess.forRoles(credentials));
        System.out.printf("secure broker, users, ACLs, topics and registry up in %d ms%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldRefuseTheActorReadingQuestionsWithATopicAuthorizationException() {
        try (KafkaConsumer<String, String> consumer = consumer(credentials.of(Role.ACTOR))) {
            consumer.assign(List.of(new TopicPartition(Topics.QUESTIONS.name(), 0)));

            TopicAuthorizationException e = assertThrows(TopicAuthorizationException.class, () -> pollUntilRefused(consumer));

            assertEquals(Set.of(Topics.QUESTIONS.name()), e.unauthorizedTopics());
        }
    }

    @Test
    void shouldRefuseTheActorProducingGradedRecords() {
        try (KafkaProducer<String, String> producer = producer(credentials.of(Role.ACTOR), Map.of())) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> producer
                    .send(new ProducerRecord<>(Topics.GRADED.name(), "ep-1", "forged")).get(30, TimeUnit.SECONDS));

            assertInstanceOf(TopicAuthorizationException.class, e.getCause());
        }
    }

    @Test
    void shouldLetTheActorWriteAttemptsInTransactionsUnderItsPrefixAndReadPrompts() throws Exception {
        try (KafkaProducer<String, String> grader = producer(credentials.of(Role.GRADER),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "rollstream-grader-it"))) {
            grader.initTransactions();
            grader.beginTransaction();
            grader.send(new ProducerRecord<>(Topics.PROMPTS.name(), "ep-2", "prompt"));
            grader.commitTransaction();
        }
        try (KafkaProducer<String, String> actor = producer(credentials.of(Role.ACTOR),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "rollstream-actor-it"))) {
            actor.initTransactions();
            actor.beginTransaction();
            actor.send(new ProducerRecord<>(Topics.ATTEMPTS.name(), "ep-2", "attempt"));
            actor.commitTransaction();
        }
        try (KafkaConsumer<String, String> consumer = consumer(credentials.of(Role.ACTOR))) {
            consumer.subscribe(List.of(Topics.PROMPTS.name()));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            String value = null;
            while (value == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    value = record.value();
                }
            }
            assertEquals("prompt", value);
        }
    }

    @Test
    void shouldRefuseTheActorATransactionalIdOutsideItsPrefix() {
        try (KafkaProducer<String, String> producer = producer(credentials.of(Role.ACTOR),
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "rollstream-grader-0_0"))) {
            assertThrows(TransactionalIdAuthorizationException.class,
                    producer::initTransactions);
        }
    }

    @Test
    void shouldRefuseAClientWithAWrongPassword() {
        Credentials wrong = new Credentials(credentials.of(Role.GRADER).user(), "not-the-password");
        try (Admin admin = Admin.create(client(wrong, Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000)))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.listTopics().names().get(30, TimeUnit.SECONDS));

            assertInstanceOf(SaslAuthenticationException.class, e.getCause());
        }
    }

    @Test
    void shouldRefuseAnUnauthenticatedClient() {
        Map<String, Object> plain = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(plain)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> admin.listTopics().names().get(30, TimeUnit.SECONDS));

            // A client that never logs in gets its connection closed before any request is answered.
            assertInstanceOf(TimeoutException.class, e.getCause());
        }
    }

    @Test
    void shouldAskForBasicAuthAndKeepSubscribersReadOnlyInTheRegistry() throws Exception {
        String subject = "/subjects/" + Topics.GRADED.valueSubject() + "/versions";

        assertEquals(401, post(subject, null).statusCode());
        assertEquals(401, post(subject, new Credentials(credentials.of(Role.GRADER).user(), "wrong")).statusCode());
        assertEquals(200, post(subject, credentials.of(Role.GRADER)).statusCode());
        assertEquals(403, post(subject, credentials.of(Role.SUBSCRIBER)).statusCode());
        assertEquals(200, get(subject + "/1", credentials.of(Role.SUBSCRIBER)).statusCode());
        assertEquals(200, post("/subjects/" + Topics.GRADED.valueSubject(), credentials.of(Role.SUBSCRIBER)).statusCode());
    }

    private static void pollUntilRefused(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
            if (!records.isEmpty()) {
                throw new AssertionError("the actor read " + records.count() + " questions");
            }
        }
    }

    private static HttpResponse<String> post(String path, Credentials user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(SCHEMA));
        return send(request, user);
    }

    private static HttpResponse<String> get(String path, Credentials user) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(registry.url() + path)).GET(), user);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, Credentials user) throws Exception {
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user.user() + ":" + user.password())
                    .getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        return HttpClient.newHttpClient().send(request.timeout(DEADLINE).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> client(Credentials user, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(SaslClients.properties(user));
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.putAll(extra);
        return props;
    }

    private static KafkaProducer<String, String> producer(Credentials user, Map<String, Object> extra) {
        Map<String, Object> props = client(user, extra);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Credentials user) {
        Map<String, Object> props = client(user, Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, user.user().replace("rollstream-actor", "rollstream-actors"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
