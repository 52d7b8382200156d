package io.rollstream.schemas.topics;

import io.rollstream.schemas.avro.Attempt;
import io.rollstream.schemas.avro.GradedAttempt;
import io.rollstream.schemas.avro.PolicyVersion;
import io.rollstream.schemas.avro.Prompt;
import io.rollstream.schemas.avro.Question;
import io.rollstream.schemas.avro.Trajectory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The topic catalog: the only place a topic name is written. Keys are episode ids (so every attempt
 * of an episode lands in one partition, in order), question ids or policy names.
 */
public final class Topics {

    private static final String CLEANUP = "cleanup.policy";
    private static final String RETENTION = "retention.ms";
    private static final String TIMESTAMP_TYPE = "message.timestamp.type";
    private static final String COMPACT = "compact";
    private static final String DELETE = "delete";
    private static final String LOG_APPEND_TIME = "LogAppendTime";
    private static final String WEEK = Long.toString(Duration.ofDays(7).toMillis());
    private static final String MONTH = Long.toString(Duration.ofDays(30).toMillis());
    private static final String AUDIT_RETENTION = Long.toString(Duration.ofDays(365).toMillis());

    /** Number of partitions of the episode-keyed topics; parallelism of graders and actors. */
    public static final int EPISODE_PARTITIONS = 4;

    /** Questions with their hidden ground truth; compacted by question id; read only by the grader. */
    public static final Topic<String, Question> QUESTIONS = new Topic<>("rl-questions-v1",
            String.class, Question.class, EPISODE_PARTITIONS, Map.of(CLEANUP, COMPACT));

    /** Prompts for actors: first attempts, retries with feedback, replays and evaluation prompts. */
    public static final Topic<String, Prompt> PROMPTS = new Topic<>("rl-prompts-v1",
            String.class, Prompt.class, EPISODE_PARTITIONS, Map.of(CLEANUP, DELETE, RETENTION, WEEK));

    /** Every attempt an actor generated. */
    public static final Topic<String, Attempt> ATTEMPTS = new Topic<>("rl-attempts-v1",
            String.class, Attempt.class, EPISODE_PARTITIONS, Map.of(CLEANUP, DELETE, RETENTION, WEEK));

    /** Every graded attempt; the audit record, stamped by the broker. */
    public static final Topic<String, GradedAttempt> GRADED = new Topic<>("rl-graded-v1",
            String.class, GradedAttempt.class, EPISODE_PARTITIONS,
            Map.of(CLEANUP, DELETE, RETENTION, AUDIT_RETENTION, TIMESTAMP_TYPE, LOG_APPEND_TIME));

    /** Closed episodes, exactly one per episode; the learner's input and the audit record. */
    public static final Topic<String, Trajectory> TRAJECTORIES = new Topic<>("rl-trajectories-v1",
            String.class, Trajectory.class, EPISODE_PARTITIONS,
            Map.of(CLEANUP, DELETE, RETENTION, AUDIT_RETENTION, TIMESTAMP_TYPE, LOG_APPEND_TIME));

    /** Published policy versions keyed by policy name; compacted so the latest is always there. */
    public static final Topic<String, PolicyVersion> POLICY_VERSIONS = new Topic<>("rl-policy-versions-v1",
            String.class, PolicyVersion.class, 1, Map.of(CLEANUP, COMPACT));

    /** Records that could not be read or graded: original key and value bytes, error headers. */
    public static final Topic<byte[], byte[]> DEAD_LETTERS = new Topic<>("rl-dlq-v1",
            byte[].class, byte[].class, EPISODE_PARTITIONS, Map.of(CLEANUP, DELETE, RETENTION, MONTH));

    /**
     * The schema registry's own store: one partition so every registry instance reads the same
     * order of registrations, compacted so it never loses a schema.
     */
    public static final Topic<String, String> SCHEMAS = new Topic<>("_schemas",
            String.class, String.class, 1, Map.of(CLEANUP, COMPACT));

    private static final List<Topic<?, ?>> PIPELINE = List.of(
            QUESTIONS, PROMPTS, ATTEMPTS, GRADED, TRAJECTORIES, POLICY_VERSIONS, DEAD_LETTERS);

    private Topics() {
    }

    /** The topics of the pipeline, in data-flow order (the registry's own topic is not among them). */
    public static List<Topic<?, ?>> all() {
        return PIPELINE;
    }

    /** Every topic this code base knows, the registry's included. */
    public static List<Topic<?, ?>> allWithInternal() {
        return List.of(QUESTIONS, PROMPTS, ATTEMPTS, GRADED, TRAJECTORIES, POLICY_VERSIONS, DEAD_LETTERS, SCHEMAS);
    }

    /** Looks a topic up by name. */
    public static Optional<Topic<?, ?>> byName(String name) {
        return allWithInternal().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
