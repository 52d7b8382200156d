package io.rollstream.grader.topology;

/** Why an input record was dead-lettered instead of changing an episode. */
enum Rejection {
    /** The bytes could not be deserialised (bad magic byte, unknown schema id, corrupt Avro, tombstone). */
    UNREADABLE,
    /** The record key is not the episode id inside the value. */
    KEY_MISMATCH,
    /** The attempt's fields contradict each other (k outside 1..N). */
    INVALID_ATTEMPT,
    /** Attempt k of an open episode was already graded. */
    DUPLICATE_ATTEMPT,
    /** Attempt k arrived while attempt j != k was expected next. */
    OUT_OF_ORDER,
    /** Attempt k > 1 for an episode the grader never opened, or a first attempt whose prompt never came. */
    UNKNOWN_EPISODE,
    /** The attempt names another policy than its episode's prompt. */
    POLICY_MISMATCH,
    /** An attempt for an episode that has already closed. */
    EPISODE_CLOSED,
    /** A valid attempt that could not be graded; it is also recorded with verdict UNSCORABLE. */
    UNSCORABLE
}
