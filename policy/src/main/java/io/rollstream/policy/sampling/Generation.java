package io.rollstream.policy.sampling;

import java.util.Objects;

/**
 * One sampled response: its token ids, the log-prob of each under log softmax(logits / temperature) taken
 * before top-p truncation (log softmax(logits) when greedy), why it stopped and the prompt's length.
 */
public record Generation(int[] tokenIds, float[] logProbs, FinishReason finishReason, int promptTokens) {

    public Generation {
        Objects.requireNonNull(tokenIds, "tokenIds");
        Objects.requireNonNull(logProbs, "logProbs");
        Objects.requireNonNull(finishReason, "finishReason");
        if (tokenIds.length != logProbs.length) {
            throw new IllegalArgumentException(
                    tokenIds.length + " tokens but " + logProbs.length + " log-probs");
        }
        if (promptTokens < 0) {
            throw new IllegalArgumentException("promptTokens must be >= 0, got " + promptTokens);
        }
    }

    /** Number of generated tokens. */
    public int length() {
        return tokenIds.length;
    }
}
