package io.rollstream.learner.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class OreoLossesTest {

    private static final float TOL = 1e-5f;
    private static final float BETA = 0.5f;

    // Sequence A (R = 1), its third token masked: log-ratios 0.5, -1 -> sums to go -0.5, -1 -> times beta -0.25, -0.5
    //   residuals -0.25 + 0.2 - 1 = -1.05 and -0.5 + 0.4 - 1 = -1.1; squares 1.1025, 1.21; mean 1.15625
    // Sequence B (R = 0): log-ratios 0, 0.5, 0 -> sums to go 0.5, 0.5, 0 -> times beta 0.25, 0.25, 0
    //   residuals 0.25 + 0 = 0.25, 0.25 + 0.5 = 0.75, 0 - 0.25 = -0.25; squares 0.0625, 0.5625, 0.0625; mean 0.2291667
    // Sequence mean (1.15625 + 0.2291667) / 2 = 0.6927083; token mean 3.0 / 5 = 0.6; mean residual -1.4 / 5 = -0.28
    private static final float[][] LOG_PROBS = {{-1f, -2f, -9f}, {-0.5f, -0.5f, -1f}};
    private static final float[][] REF_LOG_PROBS = {{-1.5f, -1f, 0f}, {-0.5f, -1f, -1f}};
    private static final float[][] VALUES = {{0.2f, 0.4f, 7f}, {0f, 0.5f, -0.25f}};
    private static final float[] REWARDS = {1f, 0f};
    private static final float[][] MASK = {{1, 1, 0}, {1, 1, 1}};

    @Test
    void valueLossShouldRegressTheCriticOnTheResidualWithThePolicyFixed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray values = manager.create(VALUES);
            values.setRequiresGradient(true);
            NDArray logProbs = manager.create(LOG_PROBS);
            logProbs.setRequiresGradient(true);
            OreoLoss loss;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                loss = OreoLosses.value(values, logProbs, manager.create(REF_LOG_PROBS), manager.create(REWARDS),
                        manager.create(MASK), BETA, LossAggregation.SEQUENCE_MEAN);
                collector.backward(loss.loss());
            }
            assertEquals(0.6927083f, loss.value(), TOL);
            assertEquals(-0.28f, loss.meanResidual(), TOL);
            assertEquals(0.6927083f, loss.metrics().get(OreoLoss.VALUE_LOSS), TOL);
            // d/dV = residual / tokens of its sequence
            assertArrayEquals(new float[] {-0.525f, -0.55f, 0f, 0.25f / 3, 0.25f, -0.25f / 3},
                    values.getGradient().toFloatArray(), TOL);
            assertArrayEquals(new float[6], logProbs.getGradient().toFloatArray(), TOL);
        }
    }

    @Test
    void policyLossShouldCreditOnlyTheCurrentTokenWithTheCriticFixed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray values = manager.create(VALUES);
            values.setRequiresGradient(true);
            NDArray logProbs = manager.create(LOG_PROBS);
            logProbs.setRequiresGradient(true);
            OreoLoss loss;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                loss = OreoLosses.policy(logProbs, manager.create(REF_LOG_PROBS), values, manager.create(REWARDS),
                        manager.create(MASK), BETA, LossAggregation.SEQUENCE_MEAN);
                collector.backward(loss.loss());
            }
            assertEquals(0.6927083f, loss.value(), TOL);
            assertEquals(0.6927083f, loss.metrics().get(OreoLoss.POLICY_LOSS), TOL);
            // d/dlog pi_t = beta * residual_t / tokens: the later tokens' ratios in residual_s (s < t) add nothing
            assertArrayEquals(new float[] {-0.2625f, -0.275f, 0f, 0.125f / 3, 0.125f, -0.125f / 3},
                    logProbs.getGradient().toFloatArray(), TOL);
            assertArrayEquals(new float[6], values.getGradient().toFloatArray(), TOL);
        }
    }

    @Test
    void tokenMeanShouldWeighEveryTrainedTokenAlike() {
        try (NDManager manager = NDManager.newBaseManager()) {
            OreoLoss loss = OreoLosses.value(manager.create(VALUES), manager.create(LOG_PROBS),
                    manager.create(REF_LOG_PROBS), manager.create(REWARDS), manager.create(MASK), BETA,
                    LossAggregation.TOKEN_MEAN);
            assertEquals(0.6f, loss.value(), TOL);
        }
    }

    @Test
    void suffixSumShouldAddEveryLaterToken() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertArrayEquals(new float[] {6f, 5f, 3f, 1f, 1f, 0f},
                    OreoLosses.suffixSum(manager.create(new float[][] {{1f, 2f, 3f}, {0f, 1f, 0f}})).toFloatArray(),
                    TOL);
        }
    }

    @Test
    void shouldRefuseBadShapesAndBeta() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray v = manager.create(VALUES);
            NDArray lp = manager.create(LOG_PROBS);
            NDArray ref = manager.create(REF_LOG_PROBS);
            NDArray mask = manager.create(MASK);
            assertThrows(IllegalArgumentException.class, () -> OreoLosses.value(v, lp, ref,
                    manager.create(new float[] {1f}), mask, BETA, LossAggregation.SEQUENCE_MEAN));
            assertThrows(IllegalArgumentException.class, () -> OreoLosses.policy(lp, ref, v,
                    manager.create(REWARDS), mask, 0f, LossAggregation.SEQUENCE_MEAN));
        }
    }
}
