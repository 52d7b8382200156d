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
    PROMPT_TOO_LONG
}
