package io.rollstream.schemas.headers;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Provenance headers every pipeline record carries, so an auditor can tell which policy, grader, episode
 * and attempt made a record without deserialising its value. Values are UTF-8 text.
 */
public final class Provenance {

    /** Policy version that generated the attempt behind the record. */
    public static final String POLICY_VERSION = "rollstream.policy.version";
    /** Grader version that graded or closed it. */
    public static final String GRADER_VERSION = "rollstream.grader.version";
    /** Episode id. */
    public static final String EPISODE = "rollstream.episode";
    /** Attempt index k. */
    public static final String ATTEMPT = "rollstream.attempt";
    /** Id of the actor that produced the attempt. */
    public static final String ACTOR = "rollstream.actor";

    private Provenance() {
    }

    /** Sets (replacing any earlier value) a text header. */
    public static Headers put(Headers headers, String name, Object value) {
        headers.remove(name);
        headers.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** Reads the last value of a text header. */
    public static Optional<String> get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
