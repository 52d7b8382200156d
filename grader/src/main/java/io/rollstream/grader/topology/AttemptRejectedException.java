package io.rollstream.grader.topology;

/** A readable record the grader refuses to apply; carried to the dead-letter topic as its error class. */
public final class AttemptRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Rejection rejection;

    AttemptRejectedException(Rejection rejection, String message) {
        super(message, null, false, false);
        this.rejection = rejection;
    }

    Rejection rejection() {
        return rejection;
    }
}
