package io.rollstream.learner.replay;

/** Why a state was kept for replay; see {@link ReplayCandidates} for the rules. */
public enum ReplayReason {
    /** The critic valued the state highly but the episode failed. */
    PROMISING_FAILED,
    /** The episode failed while another episode of its group solved the question. */
    MIXED_GROUP
}
