package io.rollstream.infra.security;

import io.rollstream.schemas.security.ClientLogin;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/** The client settings that log a producer, consumer or admin client in as one user over SASL/SCRAM-SHA-512. */
public final class SaslClients {

    /** The only mechanism the secure listener enables. */
    public static final String MECHANISM = "SCRAM-SHA-512";
    /** The secure listener's protocol: SASL on loopback, without TLS. */
    public static final String PROTOCOL = "SASL_PLAINTEXT";

    private SaslClients() {
    }

    /** Settings to merge into any Kafka client's configuration. */
    public static Map<String, Object> properties(Credentials user) {
        return Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, PROTOCOL,
                SaslConfigs.SASL_MECHANISM, MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, jaas(user));
    }

    /** The login of a component as {@code user}: these settings for its Kafka clients, basic auth for the registry. */
    public static ClientLogin login(Credentials user) {
        return ClientLogin.of(user.user(), user.password(), properties(user));
    }

    /** A JAAS line for the SCRAM login module, with quotes and backslashes of the values escaped. */
    static String jaas(Credentials user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + escape(user.user())
                + "\" password=\"" + escape(user.password()) + "\";";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
