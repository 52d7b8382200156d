package io.rollstream.policy.sampling;

/** Why a generation stopped. */
public enum FinishReason {
    /** Right after the character that closed a {@code \boxed{...}} (braces matched). */
    BOXED,
    /** The model emitted the end-of-turn token (included in the tokens). */
    END_OF_TURN,
    /** The token budget or the model's context ran out. */
    MAX_TOKENS,
    /** The prompt alone fills the context: nothing was generated. */
    PROMPT_TOO_LONG,
    /**
     * Right after a newline, from a generator that decodes one reasoning step at a time
     * ({@link Generator#oneStepAtATime()}); the value-guided search continues such a generation, so no attempt ever
     * ends for this reason.
     */
    STEP_END
}
