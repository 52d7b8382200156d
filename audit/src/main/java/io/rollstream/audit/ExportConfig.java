package io.rollstream.audit;

import io.rollstream.schemas.security.ClientLogin;
import io.rollstream.schemas.topics.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What {@code rollstream export} writes: the committed records of one catalog topic whose timestamps are in
 * [from, to), capped at the end offsets as of the export's start.
 *
 * @param bootstrapServers  Kafka bootstrap servers
 * @param schemaRegistryUrl schema registry base URL
 * @param topic             a topic of the catalog
 * @param from              first timestamp, inclusive
 * @param to                last timestamp, exclusive
 * @param format            output format
 * @param readTimeout       fail when reading makes no progress for this long
 * @param login             how the export's consumer and registry client log in ({@link ClientLogin#NONE} on an
 *                          open cluster)
 */
public record ExportConfig(String bootstrapServers, String schemaRegistryUrl, Topic<?, ?> topic, Instant from,
                           Instant to, ExportFormat format, Duration readTimeout, ClientLogin login) {

    /** An export from an open cluster. */
    public ExportConfig(String bootstrapServers, String schemaRegistryUrl, Topic<?, ?> topic, Instant from,
                        Instant to, ExportFormat format, Duration readTimeout) {
        this(bootstrapServers, schemaRegistryUrl, topic, from, to, format, readTimeout, ClientLogin.NONE);
    }

    public ExportConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(login, "login");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
        }
    }
}
