package io.rollstream.schemas.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * How one component logs in to a secured cluster: the settings merged into each of its Kafka clients (protocol,
 * SASL mechanism, JAAS line) and the user and password its schema registry client sends as HTTP basic auth.
 * {@link #NONE} for an open cluster. {@link #toString()} names the user only: neither the password nor the JAAS
 * line that holds it ever reaches a log line or an error message through this type.
 */
public final class ClientLogin {

    /** No login: plaintext Kafka clients and anonymous registry requests. */
    public static final ClientLogin NONE = new ClientLogin(null, null, Map.of());

    private final String user;
    private final String password;
    private final Map<String, Object> kafkaProperties;

    private ClientLogin(String user, String password, Map<String, Object> kafkaProperties) {
        this.user = user;
        this.password = password;
        this.kafkaProperties = Map.copyOf(kafkaProperties);
    }

    /**
     * A login as {@code user}: {@code kafkaProperties} go into every Kafka client, {@code user} and
     * {@code password} into every registry request.
     */
    public static ClientLogin of(String user, String password, Map<String, ?> kafkaProperties) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(kafkaProperties, "kafkaProperties");
        if (user.isBlank() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a registry user name must be non-blank without ':'");
        }
        return new ClientLogin(user, password, Map.copyOf(kafkaProperties));
    }

    /** Whether this logs in at all (anything but {@link #NONE}). */
    public boolean secured() {
        return user != null;
    }

    /** The user it logs in as, if any. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** The settings to merge into a Kafka client's configuration; empty for {@link #NONE}. */
    public Map<String, Object> kafkaProperties() {
        return kafkaProperties;
    }

    /** A copy of {@code base} with the login's Kafka settings merged in (they win over equal keys). */
    public Map<String, Object> kafkaConfig(Map<String, ?> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.putAll(kafkaProperties);
        return config;
    }

    /** Merges the login's Kafka settings into {@code props} and returns it. */
    public Properties applyTo(Properties props) {
        props.putAll(kafkaProperties);
        return props;
    }

    /** The value of an {@code Authorization} header for registry requests, if this logs in. */
    public Optional<String> basicAuthorization() {
        if (user == null) {
            return Optional.empty();
        }
        String pair = user + ":" + password;
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return user == null ? "ClientLogin[none]" : "ClientLogin[user=" + user + ", password=***]";
    }
}
