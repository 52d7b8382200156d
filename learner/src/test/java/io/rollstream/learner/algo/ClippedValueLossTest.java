package io.rollstream.learner.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class ClippedValueLossTest {

    private static final float TOL = 1e-5f;

    // clipRange 0.2, old values 0.5, so new values are clipped into [0.3, 0.7].
    //   t0: v 1.0, R 1.0: unclipped (1-1)^2 = 0, clipped (0.7-1)^2 = 0.09 -> 0.5*0.09 = 0.045, clipping active
    //   t1: v 0.0, R 1.0: unclipped 1, clipped (0.3-1)^2 = 0.49           -> 0.5*1    = 0.5
    //   t2: v 0.5, R 0.0: both 0.25                                       -> 0.125
    //   t3: masked
    // token mean = (0.045 + 0.5 + 0.125)/3 = 0.67/3 = 0.2233333; clip fraction 1/3
    private static final float[][] VALUES = {{1.0f, 0.0f, 0.5f, 4f}};
    private static final float[][] OLD_VALUES = {{0.5f, 0.5f, 0.5f, 0f}};
    private static final float[][] RETURNS = {{1f, 1f, 0f, 0f}};
    private static final float[][] MASK = {{1, 1, 1, 0}};

    @Test
    void shouldTakeTheLargerOfClippedAndUnclippedError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray values = manager.create(VALUES); // (B, T)
            values.setRequiresGradient(true);
            ValueLoss result;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                result = ClippedValueLoss.compute(values, manager.create(OLD_VALUES), manager.create(RETURNS),
                        manager.create(MASK), 0.2f, LossAggregation.TOKEN_MEAN);
                collector.backward(result.loss());
            }
            assertEquals(0.2233333f, result.value(), TOL);
            assertEquals(1f / 3f, result.clipFraction(), TOL);
            assertEquals(1f / 3f, result.metrics().get("value/clip-fraction"), TOL);
            // t0 sits on the clipped branch (no gradient); t1: (v - R)/3 = -1/3; t2: (0.5 - 0)/3 = 1/6; t3 masked
            assertArrayEquals(new float[] {0f, -1f / 3f, 1f / 6f, 0f}, values.getGradient().toFloatArray(), TOL);
        }
    }
}
