package io.rollstream.learner.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class EntropyBonusTest {

    private static final float TOL = 1e-5f;

    @Test
    void shouldAverageEntropyOverTrainedTokensAndNegateItAsLoss() {
        float ln3 = (float) Math.log(3);
        // t0 logits [0, 0]   -> p = (1/2, 1/2), H = ln 2 = 0.6931472
        // t1 logits [ln3, 0] -> p = (3/4, 1/4), H = 0.75*ln(4/3) + 0.25*ln 4 = 0.2157616 + 0.3465736 = 0.5623351
        // t2 masked
        // mean = (0.6931472 + 0.5623351)/2 = 0.6277412
        float[] logits = {0f, 0f, ln3, 0f, 5f, -5f};
        try (NDManager manager = NDManager.newBaseManager()) {
            EntropyLoss result = EntropyBonus.compute(manager.create(logits, new Shape(1, 3, 2)),
                    manager.create(new float[][] {{1, 1, 0}}), LossAggregation.TOKEN_MEAN);
            assertEquals(0.6277412f, result.entropy(), TOL);
            assertEquals(-0.6277412f, result.loss().getFloat(), TOL);
            assertEquals(0.6277412f, result.metrics().get("policy/entropy"), TOL);
        }
    }
}
