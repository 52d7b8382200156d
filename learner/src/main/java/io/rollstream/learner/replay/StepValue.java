package io.rollstream.learner.replay;

/**
 * The critic's value of the state after a response prefix.
 *
 * @param offset      character offset of a step boundary in the response; the prefix is {@code [0, offset)}
 * @param criticValue critic value at the last token of that prefix
 */
public record StepValue(int offset, float criticValue) {

    public StepValue {
        if (offset < 1) {
            throw new IllegalArgumentException("offset must be >= 1, got " + offset);
        }
        if (!Float.isFinite(criticValue)) {
            throw new IllegalArgumentException("criticValue must be finite, got " + criticValue);
        }
    }
}
