package io.rollstream.learner.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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

    @Test
    void shouldPlaceTheSameOnDeviceWithAnIntegerMask() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray mask = manager.create(MASK).toType(DataType.INT32, false); // (B, T)
            NDArray placed = TerminalRewards.place(manager.create(REWARDS), mask); // (B, T)
            // A tolerance because 0 * -0.5 is -0.0 on the device, which equals 0 but not bitwise.
            assertArrayEquals(EXPECTED, placed.toFloatArray(), 1e-7f);
        }
    }
}
