package io.rollstream.infra.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The credentials of a secure cluster: the administrator (the brokers' own principal, a super user) and one user
 * per {@link Role}. Read from a properties file or from the environment, never from command-line flags (which
 * other users of the machine can see), and never printed.
 *
 * <ul>
 *   <li>{@code admin.user} / {@code ROLLSTREAM_ADMIN_USER} (default {@code rollstream-admin}),
 *       {@code admin.password} / {@code ROLLSTREAM_ADMIN_PASSWORD} (required);</li>
 *   <li>for each role, e.g. the actor: {@code actor.user} / {@code ROLLSTREAM_ACTOR_USER} (default
 *       {@code rollstream-actor}), {@code actor.password} / {@code ROLLSTREAM_ACTOR_PASSWORD} (required).</li>
 * </ul>
 *
 * @param admin the brokers' and the provisioner's principal
 * @param roles one user per role, every role present
 */
public record SecurityCredentials(Credentials admin, Map<Role, Credentials> roles) {

    /** The administrator's key in files and variables: {@code admin.password}, {@code ROLLSTREAM_ADMIN_PASSWORD}. */
    public static final String ADMIN_KEY = "admin";

    public SecurityCredentials {
        Objects.requireNonNull(admin, "admin");
        roles = Map.copyOf(roles);
        for (Role role : Role.values()) {
            if (!roles.containsKey(role)) {
                throw new IllegalArgumentException("no credentials for the " + role.key() + " role");
            }
        }
    }

    /** The user a role logs in as. */
    public Credentials of(Role role) {
        return roles.get(role);
    }

    /** Reads the credentials from a properties file with the keys listed on this type. */
    public static SecurityCredentials fromFile(Path file) {
        return from(load(file)::getProperty, file.toString());
    }

    /**
     * Reads one user from a properties file with the keys listed on this type: {@code <key>.password} (required)
     * and {@code <key>.user} (default {@code rollstream-<key>}), where the key is a role's {@link Role#key()} or
     * {@code admin}. A component needs only its own role's keys.
     */
    public static Credentials userFromFile(Path file, String key) {
        return read(load(file)::getProperty, key, "rollstream-" + key, file.toString());
    }

    private static Properties load(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            // An invalid option value, like any other: the file's name and the failure, never its content.
            throw new IllegalArgumentException("cannot read the credentials file " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        return props;
    }

    /**
     * Reads one user from {@code ROLLSTREAM_<KEY>_PASSWORD} and {@code ROLLSTREAM_<KEY>_USER}; empty when neither
     * is set, an error when only the user is.
     */
    public static Optional<Credentials> userFromEnvironment(Map<String, String> environment, String key) {
        Function<String, String> lookup = environmentLookup(environment);
        if (lookup.apply(key + ".password") == null && lookup.apply(key + ".user") == null) {
            return Optional.empty();
        }
        return Optional.of(read(lookup, key, "rollstream-" + key, "the environment"));
    }

    /** Reads the credentials from {@code ROLLSTREAM_*_USER} and {@code ROLLSTREAM_*_PASSWORD} variables. */
    public static SecurityCredentials fromEnvironment(Map<String, String> environment) {
        return from(environmentLookup(environment), "the environment");
    }

    private static Function<String, String> environmentLookup(Map<String, String> environment) {
        return key -> environment.get("ROLLSTREAM_" + key.replace('.', '_').toUpperCase(Locale.ROOT));
    }

    /** Fresh random passwords for every user under the default names, for tests and a throwaway local cluster. */
    public static SecurityCredentials random() {
        SecureRandom random = new SecureRandom();
        Function<String, Credentials> make = user -> {
            byte[] secret = new byte[24];
            random.nextBytes(secret);
            return new Credentials(user, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        };
        Map<Role, Credentials> roles = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            roles.put(role, make.apply(role.defaultUser()));
        }
        return new SecurityCredentials(make.apply("rollstream-" + ADMIN_KEY), roles);
    }

    private static SecurityCredentials from(Function<String, String> lookup, String source) {
        Map<Role, Credentials> roles = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            roles.put(role, read(lookup, role.key(), role.defaultUser(), source));
        }
        return new SecurityCredentials(read(lookup, ADMIN_KEY, "rollstream-" + ADMIN_KEY, source), roles);
    }

    private static Credentials read(Function<String, String> lookup, String key, String defaultUser, String source) {
        String user = lookup.apply(key + ".user");
        String password = lookup.apply(key + ".password");
        if (password == null || password.isEmpty()) {
            // Names the key, never a value.
            throw new IllegalArgumentException(source + " has no " + key + ".password (ROLLSTREAM_"
                    + key.toUpperCase(Locale.ROOT) + "_PASSWORD)");
        }
        return new Credentials(user == null || user.isBlank() ? defaultUser : user, password);
    }

    @Override
    public String toString() {
        return "SecurityCredentials[admin=" + admin + ", roles=" + roles + "]";
    }
}
