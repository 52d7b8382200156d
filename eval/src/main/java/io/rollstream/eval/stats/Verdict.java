package io.rollstream.eval.stats;

/**
 * Whether an experiment reproduced the claim that the multi-attempt policy gains more from a second attempt,
 * read from the 95% interval of the difference (multi-attempt policy minus baseline).
 */
public enum Verdict {

    /** The difference is positive and its whole interval lies above 0. */
    REPRODUCED("reproduced: the multi-attempt policy gains more from a second attempt, and the 95% interval of"
            + " the difference is above 0"),

    /** The difference is negative and its whole interval lies below 0. */
    REVERSED("reversed: the multi-attempt policy gains less from a second attempt, and the 95% interval of"
            + " the difference is below 0"),

    /** The interval of the difference includes 0 (or disagrees with the sign of the estimate). */
    INCONCLUSIVE("inconclusive: the 95% interval of the difference includes 0, so the data cannot tell which"
            + " policy gains more from a second attempt");

    private final String sentence;

    Verdict(String sentence) {
        this.sentence = sentence;
    }

    /** The verdict on a difference: its sign, confirmed by an interval that excludes 0. */
    public static Verdict of(Interval delta) {
        if (delta.mean() > 0 && delta.low() > 0) {
            return REPRODUCED;
        }
        if (delta.mean() < 0 && delta.high() < 0) {
            return REVERSED;
        }
        return INCONCLUSIVE;
    }

    /** A short plain-English reading of the verdict. */
    public String sentence() {
        return sentence;
    }
}
