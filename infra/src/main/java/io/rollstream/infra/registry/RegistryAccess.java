package io.rollstream.infra.registry;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.security.BasicAuthCredentials;
import io.rollstream.infra.security.Credentials;
import io.rollstream.infra.security.Role;
import io.rollstream.infra.security.SecurityCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * HTTP basic authentication for the registry: every request names a known user and its password; read-only
 * users may look schemas up and test compatibility but not register schemas or change compatibility levels.
 * Passwords are kept only as SHA-256 digests and compared in constant time.
 */
public final class RegistryAccess {

    /** What a user may do. */
    public enum Level { READ_ONLY, READ_WRITE }

    /** The routes that change the registry; every other route only reads. */
    private static final Set<String> WRITES = Set.of(
            "POST /subjects/{subject}/versions", "PUT /config", "PUT /config/{subject}");
    private static final String REALM = "Basic realm=\"rollstream-schema-registry\"";

    private record User(byte[] passwordDigest, Level level) {
    }

    private final Map<String, User> users;

    private RegistryAccess(Map<String, User> users) {
        this.users = Map.copyOf(users);
    }

    /** Exactly these users, at these levels. */
    public static RegistryAccess of(Map<Credentials, Level> users) {
        Map<String, User> byName = new HashMap<>();
        users.forEach((credentials, level) -> byName.put(credentials.user(),
                new User(digest(credentials.password()), Objects.requireNonNull(level, "level"))));
        return new RegistryAccess(byName);
    }

    /**
     * The pipeline's users: the administrator and the roles whose serializers register schemas may write;
     * subscribers and auditors only read.
     */
    public static RegistryAccess forRoles(SecurityCredentials credentials) {
        Map<Credentials, Level> users = new HashMap<>();
        users.put(credentials.admin(), Level.READ_WRITE);
        for (Role role : Role.values()) {
            boolean readsOnly = role == Role.SUBSCRIBER || role == Role.AUDITOR;
            users.put(credentials.of(role), readsOnly ? Level.READ_ONLY : Level.READ_WRITE);
        }
        return of(users);
    }

    /** Checks every matched request before its handler runs. */
    void install(Javalin app) {
        app.beforeMatched(this::check);
    }

    private void check(Context ctx) {
        BasicAuthCredentials given = ctx.basicAuthCredentials();
        User user = given == null ? null : users.get(given.getUsername());
        if (user == null || !MessageDigest.isEqual(user.passwordDigest(), digest(given.getPassword()))) {
            ctx.header("WWW-Authenticate", REALM);
            throw new UnauthorizedResponse("Unauthorized: the schema registry needs a known user and password");
        }
        boolean write = ctx.method() != HandlerType.GET && WRITES.contains(ctx.method() + " " + ctx.endpointHandlerPath());
        if (write && user.level() != Level.READ_WRITE) {
            throw new ForbiddenResponse("Forbidden: user " + given.getUsername() + " may only read the registry");
        }
    }

    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "RegistryAccess[" + users.size() + " users]";
    }
}
