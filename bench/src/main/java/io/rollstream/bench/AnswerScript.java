package io.rollstream.bench;

/**
 * What a scripted attempt answers: the ground truth as written, an equivalent form of it, a wrong value, or
 * the right value without a box. The grader must find the first two CORRECT, then WRONG, then UNFORMATTED.
 */
public enum AnswerScript {
    CORRECT,
    CORRECT_EQUIVALENT,
    WRONG,
    UNBOXED;

    /** Whether the grader should accept this answer. */
    public boolean isCorrect() {
        return this == CORRECT || this == CORRECT_EQUIVALENT;
    }

    /** The verdict name ({@code io.rollstream.schemas.avro.Verdict}) the grader must give. */
    public String expectedVerdict() {
        return switch (this) {
            case CORRECT, CORRECT_EQUIVALENT -> "CORRECT";
            case WRONG -> "WRONG";
            case UNBOXED -> "UNFORMATTED";
        };
    }
}
