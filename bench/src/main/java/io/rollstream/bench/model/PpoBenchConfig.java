package io.rollstream.bench.model;

/**
 * The PPO update {@code bench model} times: {@code sequences} full-length sequences of {@code tokens} tokens
 * each (a prompt prefix and fixed response ids), one warm-up update reported on its own, then {@code updates}
 * measured ones, whose median is reported.
 */
public record PpoBenchConfig(int sequences, int tokens, int updates) {

    public PpoBenchConfig {
        if (sequences < 1) {
            throw new IllegalArgumentException("PPO sequences must be at least 1, got " + sequences);
        }
        if (tokens < 2) {
            throw new IllegalArgumentException("PPO tokens per sequence must be at least 2 (a prompt token and a "
                    + "trained one), got " + tokens);
        }
        if (updates < 1) {
            throw new IllegalArgumentException("PPO updates must be at least 1, got " + updates);
        }
    }

    /** The reported setting: 8 sequences of 128 tokens, 3 measured updates. */
    public static PpoBenchConfig defaults() {
        return new PpoBenchConfig(8, 128, 3);
    }

    /** Prompt tokens per sequence: the chat prompt's first tokens, at most half of the sequence. */
    public int promptTokens(int chatPromptTokens) {
        return Math.max(1, Math.min(chatPromptTokens, tokens / 2));
    }
}
