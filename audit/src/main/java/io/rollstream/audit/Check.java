package io.rollstream.audit;

/** The invariants the auditor checks; each violation names one of them. */
public enum Check {
    /** A record on rl-graded-v1 or rl-trajectories-v1 could not be deserialized. */
    UNREADABLE_RECORD("a record the grader wrote cannot be read"),
    /** Attempt k of an episode has more than one graded record. */
    DUPLICATE_GRADED("attempt graded more than once"),
    /** An attempt that should have been graded by now has no graded record. */
    UNGRADED_ATTEMPT("attempt never graded"),
    /** Attempt k was graded but some earlier attempt j < k was not. */
    GRADED_GAP("a graded attempt follows an ungraded one"),
    /** A graded record for an attempt after the one that closed the episode. */
    GRADED_AFTER_CLOSE("attempt graded after its episode closed"),
    /** The per-attempt reward is not the protocol's reward for the verdict. */
    REWARD_MISMATCH("reward inconsistent with the verdict"),
    /** closesEpisode disagrees with the protocol (correct, unscorable, out of attempts or tokens). */
    CLOSE_MISMATCH("closesEpisode inconsistent with the protocol"),
    /** The feedback text is not the protocol's for the attempts left (or present on a closing attempt). */
    FEEDBACK_MISMATCH("feedback inconsistent with the protocol"),
    /** More than one trajectory for an episode. */
    DUPLICATE_TRAJECTORY("episode closed more than once"),
    /** An episode whose closing attempt was graded has no trajectory. */
    MISSING_TRAJECTORY("closed episode has no trajectory"),
    /** An episode idle for longer than the close grace has neither closed nor timed out. */
    UNCLOSED_EPISODE("episode never closed"),
    /** The trajectory's attempts or policy versions differ from the graded records. */
    TRAJECTORY_MISMATCH("trajectory differs from its graded attempts"),
    /** The outcome does not follow from the verdicts. */
    OUTCOME_MISMATCH("outcome inconsistent with the verdicts"),
    /** The terminal reward is not the protocol's reward for the outcome. */
    TERMINAL_REWARD_MISMATCH("terminal reward inconsistent with the outcome"),
    /** A retry prompt differs from what the attempt before it and its feedback make. */
    RETRY_MISMATCH("retry prompt does not match the attempt before it"),
    /** A non-closing graded attempt has no retry prompt for the next attempt. */
    MISSING_RETRY("no retry prompt after a wrong attempt"),
    /** More than one retry prompt for the same attempt. */
    DUPLICATE_RETRY("retry prompt written more than once"),
    /** A retry prompt without a non-closing graded attempt before it. */
    ORPHAN_RETRY("retry prompt without the attempt before it"),
    /** An actor used an older policy version after a newer one. */
    POLICY_REGRESSION("policy version went backwards for an actor"),
    /** The current answer checker disagrees with the recorded verdict (only with re-grading). */
    REGRADE_DISAGREEMENT("current checker disagrees with the recorded verdict");

    private final String description;

    Check(String description) {
        this.description = description;
    }

    /** One line saying what the violated invariant is. */
    public String description() {
        return description;
    }
}
