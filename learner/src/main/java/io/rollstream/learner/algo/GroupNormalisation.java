package io.rollstream.learner.algo;

/**
 * Whether group advantages are divided by the group's standard deviation (GRPO) or only centred (Dr. GRPO,
 * which drops the std because it up-weights questions that are nearly always or nearly never solved).
 */
public enum GroupNormalisation {
    /** {@code (r - mean) / (std + eps)}, std with Bessel's correction (n - 1). */
    MEAN_STD,
    /** {@code r - mean}. */
    MEAN_ONLY;

    /** Parses {@code mean-std} or {@code mean-only} (any case); unknown names fail listing the options. */
    public static GroupNormalisation parse(String name) {
        return Choices.parse(GroupNormalisation.class, "group normalisation", name);
    }
}
