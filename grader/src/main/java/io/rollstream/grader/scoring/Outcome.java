package io.rollstream.grader.scoring;

import java.util.Objects;

/** Whether two answers are equivalent, as decided by one of the comparison steps. */
sealed interface Outcome permits Outcome.Equal, Outcome.NotEqual, Outcome.Undecidable {

    Outcome EQUAL = new Equal();
    Outcome NOT_EQUAL = new NotEqual();

    /** The answers denote the same value. */
    record Equal() implements Outcome {
    }

    /** The answers denote different values, or the response cannot be read as the same value. */
    record NotEqual() implements Outcome {
    }

    /** A bound was hit (time, size, nesting, number range) before equivalence could be settled. */
    record Undecidable(String reason) implements Outcome {
        public Undecidable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
