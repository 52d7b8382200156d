package io.rollstream.learner.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class TerminalRewardsTest {

    // Row 0 has a feedback gap and trailing padding, row 1 ends early, row 2 has nothing trained.
    private static final float[][] MASK = {{0, 1, 1, 0, 1, 0}, {1, 1, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}};
    private static final float[] REWARDS = {1f, -0.5f, -1f};
    private static final float[] EXPECTED = {
        0, 0, 0, 0, 1, 0,
        0, -0.5f, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0};

    @Test
    void shouldPutRewardOnLastTrainedTokenOnly() {
        float[][] placed = TerminalRewards.place(REWARDS, MASK);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 0}, placed[0]);
        assertArrayEquals(new float[] {0, -0.5f, 0, 0, 0, 0}, placed[1]);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0}, placed[2]);
    }
}
