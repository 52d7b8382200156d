package io.rollstream.grader.topology;

import io.rollstream.schemas.avro.Outcome;

/**
 * Observes what the grader decides, for metrics; called on the stream thread, so it must be cheap and
 * thread-safe. The topology stays free of any metrics library.
 */
public interface GraderListener {

    /** Does nothing. */
    GraderListener NONE = new GraderListener() {
    };

    /** An attempt was graded; {@code latencyMillis} runs from the actor finishing it to now. */
    default void graded(io.rollstream.schemas.avro.Verdict verdict, long gradingMicros, long latencyMillis) {
    }

    /** An episode closed. */
    default void closed(Outcome outcome) {
    }

    /** A record went to the dead-letter topic. */
    default void deadLettered(String reason) {
    }
}
