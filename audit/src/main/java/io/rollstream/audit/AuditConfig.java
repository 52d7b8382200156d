package io.rollstream.audit;

import io.rollstream.grader.scoring.CheckerConfig;
import io.rollstream.schemas.security.ClientLogin;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What an audit reads and checks.
 *
 * <ul>
 *   <li>{@code bootstrapServers} (host:port list): the Kafka cluster</li>
 *   <li>{@code schemaRegistryUrl} (URL): the schema registry</li>
 *   <li>{@code from}, {@code to} (instants): audit episodes whose first prompt was created in [from, to)</li>
 *   <li>{@code closeGrace} (duration, default PT35M): how long after {@code to} records are still read, and how
 *       long an episode may be idle before it must have closed; keep it above the grader's attempt timeout</li>
 *   <li>{@code readMargin} (duration, default PT1M): records are read from {@code from - readMargin}, so a
 *       record stamped slightly earlier than its prompt's creation (clock skew between hosts) is not missed</li>
 *   <li>{@code reGrade} (boolean): re-grade every attempt with the current checker</li>
 *   <li>{@code checker}: limits of that checker</li>
 *   <li>{@code readTimeout} (duration, default PT1M): fail when reading makes no progress for this long</li>
 * </ul>
 *
 * @param bootstrapServers  Kafka bootstrap servers
 * @param schemaRegistryUrl schema registry base URL
 * @param from              window start, inclusive
 * @param to                window end, exclusive
 * @param closeGrace        close grace
 * @param readMargin        read margin before {@code from}
 * @param reGrade           whether to re-grade
 * @param checker           checker limits for re-grading
 * @param readTimeout       longest read without progress
 * @param login             how the audit's consumer and registry client log in ({@link ClientLogin#NONE} on an
 *                          open cluster)
 */
public record AuditConfig(String bootstrapServers, String schemaRegistryUrl, Instant from, Instant to,
                          Duration closeGrace, Duration readMargin, boolean reGrade, CheckerConfig checker,
                          Duration readTimeout, ClientLogin login) {

    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofMinutes(35);
    public static final Duration DEFAULT_READ_MARGIN = Duration.ofMinutes(1);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(1);

    /** An audit of an open cluster. */
    public AuditConfig(String bootstrapServers, String schemaRegistryUrl, Instant from, Instant to,
                       Duration closeGrace, Duration readMargin, boolean reGrade, CheckerConfig checker,
                       Duration readTimeout) {
        this(bootstrapServers, schemaRegistryUrl, from, to, closeGrace, readMargin, reGrade, checker, readTimeout,
                ClientLogin.NONE);
    }

    public AuditConfig {
        requireText("bootstrapServers", bootstrapServers);
        requireText("schemaRegistryUrl", schemaRegistryUrl);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(checker, "checker");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
        requirePositive("closeGrace", closeGrace);
        requirePositive("readTimeout", readTimeout);
        Objects.requireNonNull(readMargin, "readMargin");
        Objects.requireNonNull(login, "login");
        if (readMargin.isNegative()) {
            throw new IllegalArgumentException("readMargin must be >= 0, got " + readMargin);
        }
    }

    /** An audit of [from, to) with the default grace, margin, checker and timeout. */
    public static AuditConfig of(String bootstrapServers, String schemaRegistryUrl, Instant from, Instant to,
                                 boolean reGrade) {
        return new AuditConfig(bootstrapServers, schemaRegistryUrl, from, to, DEFAULT_CLOSE_GRACE,
                DEFAULT_READ_MARGIN, reGrade, CheckerConfig.defaults(), DEFAULT_READ_TIMEOUT);
    }

    /** The same audit with another close grace. */
    public AuditConfig withCloseGrace(Duration grace) {
        return new AuditConfig(bootstrapServers, schemaRegistryUrl, from, to, grace, readMargin, reGrade, checker,
                readTimeout, login);
    }

    /** The same audit, logged in with {@code clientLogin}. */
    public AuditConfig withLogin(ClientLogin clientLogin) {
        return new AuditConfig(bootstrapServers, schemaRegistryUrl, from, to, closeGrace, readMargin, reGrade, checker,
                readTimeout, clientLogin);
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
