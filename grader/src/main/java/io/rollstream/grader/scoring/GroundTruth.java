package io.rollstream.grader.scoring;

import java.util.Optional;

/** Reads the reference answer out of the ground-truth fields of the supported data sets. */
public final class GroundTruth {

    private static final String GSM8K_MARKER = "####";

    private GroundTruth() {
    }

    /**
     * The final answer of a GSM8K {@code answer} field: the text after its last {@code ####}, trimmed;
     * empty when the marker is missing or nothing follows it.
     */
    public static Optional<String> fromGsm8k(String answerField) {
        if (answerField == null) {
            return Optional.empty();
        }
        int at = answerField.lastIndexOf(GSM8K_MARKER);
        if (at < 0) {
            return Optional.empty();
        }
        String answer = answerField.substring(at + GSM8K_MARKER.length()).trim();
        return answer.isEmpty() ? Optional.empty() : Optional.of(answer);
    }
}
