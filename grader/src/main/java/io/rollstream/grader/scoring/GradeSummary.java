package io.rollstream.grader.scoring;

/** Counts of a batch grading run by verdict, with the grading time spent on them. */
public record GradeSummary(long lines, long correct, long wrong, long unformatted, long unscorable, long totalMillis) {

    public GradeSummary {
        if (lines < 0 || correct < 0 || wrong < 0 || unformatted < 0 || unscorable < 0 || totalMillis < 0) {
            throw new IllegalArgumentException("counts and time must not be negative");
        }
        if (correct + wrong + unformatted + unscorable != lines) {
            throw new IllegalArgumentException("verdict counts must add up to the " + lines + " lines");
        }
    }

    /** Correct answers over all lines; 0 for an empty input. */
    public double accuracy() {
        return lines == 0 ? 0 : (double) correct / lines;
    }

    /** Mean grading time per line in milliseconds; 0 for an empty input. */
    public double meanMillis() {
        return lines == 0 ? 0 : (double) totalMillis / lines;
    }
}
