package io.rollstream.learner.algo;

import ai.djl.ndarray.NDArray;

/**
 * Places each episode's terminal reward on the last trained token of its sequence, the token whose choice
 * ended the episode; every other position gets 0. A sequence with no trained token gets no reward at all.
 *
 * <p>The per-token KL penalty some implementations subtract here is not applied: KL to the reference policy
 * enters as a loss term ({@link KlPenalty}).
 */
public final class TerminalRewards {

    private TerminalRewards() {
    }

    /**
     * Host form.
     *
     * @param rewards      terminal reward per episode, (B)
     * @param responseMask 1 where the token is trained, 0 for prompt, feedback and padding, (B, T)
     * @return token-level rewards, (B, T)
     */
    public static float[][] place(float[] rewards, float[][] responseMask) {
        int cols = HostArrays.requireMask(responseMask);
        if (rewards.length != responseMask.length) {
            throw new IllegalArgumentException(
                    "rewards has " + rewards.length + " entries but responseMask has " + responseMask.length + " rows");
        }
        float[][] tokenRewards = new float[rewards.length][cols];
        for (int b = 0; b < rewards.length; b++) {
            for (int t = cols - 1; t >= 0; t--) {
                if (responseMask[b][t] == 1f) {
                    tokenRewards[b][t] = rewards[b];
                    break;
                }
            }
        }
        return tokenRewards;
    }

}
