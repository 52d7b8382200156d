package io.rollstream.grader.scoring;

import java.time.Duration;

/** A point in {@link System#nanoTime()} time by which one grading call must have answered. */
record Deadline(long atNanos, Duration budget) {

    static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    long remainingNanos() {
        return atNanos - System.nanoTime();
    }

    boolean expired() {
        return remainingNanos() <= 0;
    }

    Equivalence.Undecidable exceeded() {
        return new Equivalence.Undecidable("time limit of " + budget.toMillis() + " ms exceeded");
    }
}
