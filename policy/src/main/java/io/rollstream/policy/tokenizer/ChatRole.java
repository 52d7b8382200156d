package io.rollstream.policy.tokenizer;

/** The speaker of one conversation turn; each role has its own marker token. */
public enum ChatRole {
    SYSTEM,
    USER,
    ASSISTANT
}
