package io.rollstream.policy.sampling;

import java.util.List;

/**
 * Produces next-token logits for a batch of left-padded prompts, one step at a time. Implementations differ
 * only in cost: with a KV cache each step processes one new token, without one the whole sequence again.
 */
interface StepDecoder extends AutoCloseable {

    /** Logits (B * V, row-major) for the first token after the prompts. */
    float[] start();

    /** Appends one token per row (filler for finished rows) and returns the logits (B * V) after it. */
    float[] next(int[] tokens);

    @Override
    void close();

    /** Opens a decoder for {@code prompts} that will be asked for at most {@code steps} sets of logits. */
    interface Factory {
        StepDecoder open(List<int[]> prompts, int steps);
    }
}
