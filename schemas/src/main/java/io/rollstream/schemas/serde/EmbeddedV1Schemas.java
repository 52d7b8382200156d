package io.rollstream.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The first layout of the -v1 value schemas, in which an attempt embedded its whole prompt, a graded attempt
 * its attempt and a trajectory every graded attempt, so records grew with the square of the attempts. Records
 * written then are still on the topics (graded records and trajectories are kept for a year); today's schemas
 * read them (BACKWARD), and the serde benchmark measures what the lean layout saves against these.
 */
public final class EmbeddedV1Schemas {

    private static final String ROOT = "io/rollstream/schemas/avro/embedded-v1/";
    // Named types must be parsed before the records that use them.
    private static final List<String> ORDER = List.of("Message", "Prompt", "Attempt", "GradedAttempt", "Trajectory", "EpisodeState");

    private EmbeddedV1Schemas() {
    }

    /** The embedded-layout schemas by record name: Message, Prompt, Attempt, GradedAttempt, Trajectory, EpisodeState. */
    public static Map<String, Schema> all() {
        Schema.Parser parser = new Schema.Parser();
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (String name : ORDER) {
            try (InputStream in = EmbeddedV1Schemas.class.getClassLoader().getResourceAsStream(ROOT + name + ".avsc")) {
                if (in == null) {
                    throw new IllegalStateException("missing schema resource " + ROOT + name + ".avsc");
                }
                schemas.put(name, parser.parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + ROOT + name + ".avsc", e);
            }
        }
        return schemas;
    }
}
