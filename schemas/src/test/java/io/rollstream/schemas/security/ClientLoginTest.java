package io.rollstream.schemas.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ClientLoginTest {

    private static final String SECRET = "s3cr3t-pa55";
    private static final ClientLogin LOGIN = ClientLogin.of("rollstream-actor", SECRET,
            Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.jaas.config", "module password=\"" + SECRET + "\";"));

    @Test
    void shouldNameTheUserButNeverThePasswordOrTheJaasLine() {
        assertEquals("ClientLogin[user=rollstream-actor, password=***]", LOGIN.toString());
        assertFalse(LOGIN.toString().contains(SECRET));
        assertEquals("ClientLogin[none]", ClientLogin.NONE.toString());
    }

    @Test
    void shouldSendTheUserAndPasswordAsBasicAuth() {
        String header = LOGIN.basicAuthorization().orElseThrow();
        assertTrue(header.startsWith("Basic "));
        assertEquals("rollstream-actor:" + SECRET,
                new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), ClientLogin.NONE.basicAuthorization());
    }

    @Test
    void shouldMergeItsKafkaSettingsOverTheBaseConfigWithoutChangingIt() {
        Map<String, Object> base = Map.of("bootstrap.servers", "localhost:1", "security.protocol", "PLAINTEXT");
        Map<String, Object> merged = LOGIN.kafkaConfig(base);
        assertEquals("localhost:1", merged.get("bootstrap.servers"));
        assertEquals("SASL_PLAINTEXT", merged.get("security.protocol"));
        assertEquals("PLAINTEXT", base.get("security.protocol"));
        assertEquals(base, ClientLogin.NONE.kafkaConfig(base));
        Properties props = new Properties();
        props.put("acks", "all");
        assertEquals("SASL_PLAINTEXT", LOGIN.applyTo(props).get("security.protocol"));
        assertEquals("all", props.get("acks"));
    }

    @Test
    void shouldTellASecuredLoginFromNone() {
        assertTrue(LOGIN.secured());
        assertEquals(Optional.of("rollstream-actor"), LOGIN.user());
        assertFalse(ClientLogin.NONE.secured());
        assertEquals(Map.of(), ClientLogin.NONE.kafkaProperties());
    }

    @Test
    void shouldRefuseAUserNameThatBasicAuthCannotCarry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientLogin.of("a:b", SECRET, Map.of()));
        assertFalse(e.getMessage().contains(SECRET));
    }
}
