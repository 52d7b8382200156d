package io.rollstream.infra.kafka;

import io.rollstream.infra.security.Credentials;
import io.rollstream.infra.security.SaslClients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The embedded broker in secure mode: clients reach it only through a SASL/SCRAM-SHA-512 listener, and Kafka's
 * StandardAuthorizer denies every operation no ACL allows. The administrator's SCRAM credential is written into
 * the metadata when the directory is formatted (the brokers log in to each other with it, before any Admin call
 * could create it); every other user is created through the Admin API. The controller listener stays PLAINTEXT on
 * loopback, because KRaft controllers cannot authenticate SCRAM, and its ANONYMOUS principal (the node talking to
 * its own controller) is a super user; clients are never told that port.
 */
public final class SecureEmbeddedKafka {

    private static final String HOST = "127.0.0.1";
    private static final String LISTENER = "SASL_PLAINTEXT";
    private static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

    private SecureEmbeddedKafka() {
    }

    /**
     * Starts a secure single-node broker on {@code dataDir} and free ports.
     *
     * @param admin the brokers' own user, a super user; its password must not contain {@code , ] [ " =}
     */
    public static EmbeddedKafka start(Path dataDir, Credentials admin) {
        return start(dataDir, EmbeddedKafkaConfig.FREE_PORT, admin);
    }

    /**
     * Starts a secure single-node broker on {@code dataDir} with its SASL listener on {@code port} (0 for a free
     * one). A directory formatted before keeps its users and ACLs; the administrator's credential is only written
     * when the directory is new.
     */
    public static EmbeddedKafka start(Path dataDir, int port, Credentials admin) {
        if (admin.password().chars().anyMatch(c -> ",][\"=".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("the administrator's password must not contain , ] [ \" or =");
        }
        int clientPort = port == EmbeddedKafkaConfig.FREE_PORT ? EmbeddedKafka.freePort() : port;
        int controllerPort = EmbeddedKafka.freePort();
        Map<String, String> overrides = Map.ofEntries(
                Map.entry("listeners", LISTENER + "://" + HOST + ":" + clientPort + ",CONTROLLER://" + HOST + ":"
                        + controllerPort),
                Map.entry("advertised.listeners", LISTENER + "://" + HOST + ":" + clientPort),
                Map.entry("controller.quorum.voters", "1@" + HOST + ":" + controllerPort),
                Map.entry("listener.security.protocol.map", LISTENER + ":SASL_PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("inter.broker.listener.name", LISTENER),
                Map.entry("sasl.enabled.mechanisms", SaslClients.MECHANISM),
                Map.entry("sasl.mechanism.inter.broker.protocol", SaslClients.MECHANISM),
                Map.entry("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", jaas(admin)),
                Map.entry("authorizer.class.name", AUTHORIZER),
                Map.entry("allow.everyone.if.no.acl.found", "false"),
                Map.entry("super.users", admin.principal() + ";User:ANONYMOUS"));
        EmbeddedKafkaConfig config = new EmbeddedKafkaConfig(dataDir, clientPort, overrides);
        List<String> scram = List.of(SaslClients.MECHANISM + "=[name=" + admin.user() + ",password=" + admin.password()
                + "]");
        return EmbeddedKafka.start(config, Uuid.randomUuid().toString(), scram);
    }

    private static String jaas(Credentials admin) {
        return SaslClients.properties(admin).get(SaslConfigs.SASL_JAAS_CONFIG).toString();
    }
}
