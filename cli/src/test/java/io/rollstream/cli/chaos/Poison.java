package io.rollstream.cli.chaos;

import java.util.Set;

/**
 * The kinds of bad record injected into rl-attempts-v1, each with the dead-letter reasons the grader may give
 * it. Unreadable kinds never reach the episode state machine; the readable ones are refused by it.
 */
enum Poison {
    /** Random bytes of random length. */
    RANDOM_BYTES("UNREADABLE"),
    /** A zero-length value: shorter than the wire-format header. */
    EMPTY_VALUE("UNREADABLE"),
    /** A valid attempt whose first byte is not the wire format's magic byte 0. */
    WRONG_MAGIC_BYTE("UNREADABLE"),
    /** A valid attempt body behind a schema id the registry never assigned. */
    UNKNOWN_SCHEMA_ID("UNREADABLE"),
    /** A registered schema, but a Question's: it cannot be read as an Attempt. */
    WRONG_SCHEMA("UNREADABLE"),
    /** A valid header followed by an attempt's Avro body cut short. */
    TRUNCATED_AVRO("UNREADABLE"),
    /** A null value (tombstone) on a delete-only topic. */
    NULL_VALUE("UNREADABLE"),
    /** A valid attempt under a key that is not its episode id. */
    KEY_MISMATCH("KEY_MISMATCH"),
    /** A valid attempt 2 of an episode the grader never opened. */
    UNKNOWN_EPISODE("UNKNOWN_EPISODE"),
    /** An attempt with index 0: attempts count from 1. */
    INVALID_ATTEMPT("INVALID_ATTEMPT"),
    /** A real attempt the actor already committed, written again: its episode is further on or closed. */
    DUPLICATE_ATTEMPT("DUPLICATE_ATTEMPT", "EPISODE_CLOSED");

    private final Set<String> reasons;

    Poison(String... reasons) {
        this.reasons = Set.of(reasons);
    }

    /** Dead-letter reasons that are right for this kind. */
    Set<String> reasons() {
        return reasons;
    }
}
