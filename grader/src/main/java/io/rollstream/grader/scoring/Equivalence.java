package io.rollstream.grader.scoring;

import java.util.Objects;

/** Whether two answers are equivalent, as decided by one of the comparison steps. */
sealed interface Equivalence permits Equivalence.Equal, Equivalence.NotEqual, Equivalence.Undecidable {

    Equivalence EQUAL = new Equal();
    Equivalence NOT_EQUAL = new NotEqual();

    /** The answers denote the same value. */
    record Equal() implements Equivalence {
    }

    /** The answers denote different values, or the response cannot be read as the same value. */
    record NotEqual() implements Equivalence {
    }

    /** A bound was hit (time, size, nesting, number range) before equivalence could be settled. */
    record Undecidable(String reason) implements Equivalence {
        public Undecidable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
