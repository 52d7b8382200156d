package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Generalised advantage estimation over the trained tokens of multi-attempt sequences, where feedback turns
 * sit between attempts inside one sequence and must neither be trained nor break the credit assignment.
 *
 * <p>The scan runs backwards over positions with {@code responseMask = 1} only; prompt, feedback and padding
 * positions are skipped entirely. For a trained token t:
 * <pre>
 *   next(t)  = the next trained position after t, if any
 *   delta_t  = r_t + gamma * V(next(t)) - V(t)          (V(next(t)) = 0 after the last trained token)
 *   A_t      = delta_t + gamma * lambda * A_next(t)     (A = 0 after the last trained token)
 *   R_t      = A_t + V(t)
 * </pre>
 * A masked span is thus bridged as a single step: no discount is applied per feedback token (gamma = 1 across
 * the span), and the value of the first token of the next attempt bootstraps the last token of the previous
 * one. Advantages and returns are 0 at masked positions. Token rewards at masked positions are rejected: a
 * terminal reward lives on the last trained token ({@link TerminalRewards}).
 */
public final class GaeAdvantages {

    private GaeAdvantages() {
    }

    /**
     * Host form.
     *
     * @param tokenRewards reward per token, non-zero only at trained positions, (B, T)
     * @param values       critic values, (B, T); values at masked positions are ignored
     * @param responseMask 0/1, (B, T)
     * @param gamma        discount per trained step, in [0, 1]
     * @param lambda       GAE trace decay, in [0, 1]
     */
    public static AdvantagesAndReturns compute(float[][] tokenRewards, float[][] values, float[][] responseMask,
                                               float gamma, float lambda) {
        requireUnit("gamma", gamma);
        requireUnit("lambda", lambda);
        int cols = HostArrays.requireMask(responseMask);
        int rows = responseMask.length;
        HostArrays.requireShape("tokenRewards", tokenRewards, rows, cols);
        HostArrays.requireShape("values", values, rows, cols);
        float[][] advantages = new float[rows][cols];
        float[][] returns = new float[rows][cols];
        for (int b = 0; b < rows; b++) {
            float nextValue = 0f;
            float nextAdvantage = 0f;
            for (int t = cols - 1; t >= 0; t--) {
                if (responseMask[b][t] == 0f) {
                    if (tokenRewards[b][t] != 0f) {
                        throw new IllegalArgumentException("token reward " + tokenRewards[b][t]
                                + " at masked position (" + b + ", " + t + ") would be lost");
                    }
                    continue;
                }
                float delta = tokenRewards[b][t] + gamma * nextValue - values[b][t];
                nextAdvantage = delta + gamma * lambda * nextAdvantage;
                nextValue = values[b][t];
                advantages[b][t] = nextAdvantage;
                returns[b][t] = nextAdvantage + values[b][t];
            }
        }
        return new AdvantagesAndReturns(advantages, returns);
    }

    /** Host form from terminal rewards (B), placed by {@link TerminalRewards#place(float[], float[][])}. */
    public static AdvantagesAndReturns fromTerminalRewards(float[] rewards, float[][] values, float[][] responseMask,
                                                           float gamma, float lambda) {
        return compute(TerminalRewards.place(rewards, responseMask), values, responseMask, gamma, lambda);
    }

    private static void requireUnit(String name, float x) {
        if (!(x >= 0f && x <= 1f)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + x);
        }
    }
}
