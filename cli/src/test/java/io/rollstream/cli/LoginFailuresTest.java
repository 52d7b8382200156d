package io.rollstream.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.schemas.registry.RegistryException;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class LoginFailuresTest {

    @Test
    void shouldDescribeARefusedLoginFoundAmongTheCauses() {
        Exception failure = new IllegalStateException("audit failed",
                new KafkaException("read failed", new SaslAuthenticationException("invalid credentials")));

        String line = LoginFailures.describe(failure).orElseThrow();

        assertTrue(line.startsWith("cannot log in to Kafka: invalid credentials"), line);
    }

    @Test
    void shouldDescribeRefusedAccessByTheAclsAndTheRegistry() {
        assertTrue(LoginFailures.describe(new TopicAuthorizationException("Not authorized to access topics"))
                .orElseThrow().startsWith("not allowed by the cluster's ACLs"));
        assertTrue(LoginFailures.describe(new RegistryException(401, 401, "Schema registry GET /subjects answered 401"))
                .orElseThrow().startsWith("cannot log in to the schema registry"));
        assertTrue(LoginFailures.describe(new RegistryException(403, 403, "forbidden"))
                .orElseThrow().startsWith("not allowed by the schema registry"));
    }

    @Test
    void shouldLeaveOtherFailuresAlone() {
        assertEquals(Optional.empty(), LoginFailures.describe(new IllegalStateException("disk full")));
        assertEquals(Optional.empty(), LoginFailures.describe(new RegistryException(404, 40401, "no subject")));
    }
}
