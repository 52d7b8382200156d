package io.rollstream.learner.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class AdvantageWhiteningTest {

    private static final float TOL = 1e-4f;

    // Trained advantages 1, 2 (row 0) and 3 (row 1); the masked 100s must not move the statistics.
    // mean = 2, sample variance = (1 + 0 + 1)/2 = 1, so whitened = A - 2 -> -1, 0, 1.
    private static final float[][] ADVANTAGES = {{1f, 2f, 100f}, {100f, 3f, 100f}};
    private static final float[][] MASK = {{1, 1, 0}, {0, 1, 0}};

    @Test
    void shouldWhitenOverTrainedPositionsOnly() {
        float[][] whitened = AdvantageWhitening.whiten(ADVANTAGES, MASK);
        assertArrayEquals(new float[] {-1f, 0f, 0f}, whitened[0], TOL);
        assertArrayEquals(new float[] {0f, 1f, 0f}, whitened[1], TOL);
    }

    @Test
    void shouldWhitenTheSameOnDevice() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] whitened = AdvantageWhitening.whiten(manager.create(ADVANTAGES), manager.create(MASK))
                    .toFloatArray(); // (B * T)
            assertArrayEquals(new float[] {-1f, 0f, 0f, 0f, 1f, 0f}, whitened, TOL);
        }
    }

    @Test
    void shouldGiveZerosWhenNothingIsTrained() {
        float[][] whitened = AdvantageWhitening.whiten(ADVANTAGES, new float[][] {{0, 0, 0}, {0, 0, 0}});
        assertArrayEquals(new float[] {0f, 0f, 0f}, whitened[0]);
        assertArrayEquals(new float[] {0f, 0f, 0f}, whitened[1]);
    }
}
