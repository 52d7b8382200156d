package io.rollstream.learner.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class KlPenaltyTest {

    private static final float TOL = 1e-5f;

    // Two trained tokens and a masked one whose huge gap must not count.
    private static final float[][] LOG_PROBS = {{-1.0f, -2.0f, -0.3f}};
    private static final float[][] REF_LOG_PROBS = {{-1.5f, -1.0f, -5f}};
    private static final float[][] MASK = {{1, 1, 0}};

    @Test
    void shouldEstimateK1AsLogRatio() {
        // k1 = lp - ref: 0.5 and -1.0 -> token mean -0.25
        assertEquals(0.5f, KlEstimator.K1.perToken(-1.0f, -1.5f), TOL);
        assertEquals(-0.25f, klLoss(KlEstimator.K1), TOL);
    }

    @Test
    void shouldEstimateK3AsNonNegativeBregmanForm() {
        // d = ref - lp: -0.5 -> exp(-0.5) + 0.5 - 1 = 0.6065307 - 0.5 = 0.1065307
        //                1.0 -> exp(1) - 1 - 1    = 0.7182818
        // token mean = (0.1065307 + 0.7182818)/2 = 0.4124063
        assertEquals(0.1065307f, KlEstimator.K3.perToken(-1.0f, -1.5f), TOL);
        assertEquals(0.7182818f, KlEstimator.K3.perToken(-2.0f, -1.0f), TOL);
        assertEquals(0.4124063f, klLoss(KlEstimator.K3), TOL);
    }

    @Test
    void shouldClampK3ForTokensFarFromTheReference() {
        // d = 20: exp(20) - 21 is about 4.85e8, clamped to 10
        assertEquals(KlEstimator.K3_MAX, KlEstimator.K3.perToken(-20f, 0f), TOL);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray perToken = KlEstimator.K3.perToken(
                    manager.create(new float[] {-20f}), manager.create(new float[] {0f})); // (1)
            assertEquals(KlEstimator.K3_MAX, perToken.getFloat(0), TOL);
        }
    }

    private static float klLoss(KlEstimator estimator) {
        try (NDManager manager = NDManager.newBaseManager()) {
            KlLoss result = KlPenalty.compute(manager.create(LOG_PROBS), manager.create(REF_LOG_PROBS),
                    manager.create(MASK), estimator, LossAggregation.TOKEN_MEAN);
            assertEquals(result.value(), result.metrics().get("kl/loss"), TOL);
            return result.value();
        }
    }
}
