package io.rollstream.audit;

import java.util.List;
import java.util.Objects;

/**
 * How the current answer checker agrees with the verdicts one grader version recorded.
 *
 * @param graderVersion  the version stamped on the graded records
 * @param checked        graded attempts re-graded
 * @param agreed         of which the current checker reached the same verdict
 * @param disagreements  the others: the graded record and both verdicts
 */
public record RegradeResult(String graderVersion, int checked, int agreed, List<Disagreement> disagreements) {

    public RegradeResult {
        Objects.requireNonNull(graderVersion, "graderVersion");
        disagreements = List.copyOf(disagreements);
        if (checked != agreed + disagreements.size()) {
            throw new IllegalArgumentException("checked " + checked + " != agreed " + agreed + " + disagreements "
                    + disagreements.size());
        }
    }

    /**
     * One attempt whose verdict the current checker would change.
     *
     * @param record    the graded record
     * @param episodeId its episode
     * @param attempt   attempt index k
     * @param recorded  the verdict on the record
     * @param current   the verdict of the current checker
     * @param detail    extracted answer, ground truth and the checker's reason
     */
    public record Disagreement(RecordRef record, String episodeId, int attempt, String recorded, String current,
                               String detail) {
    }
}
