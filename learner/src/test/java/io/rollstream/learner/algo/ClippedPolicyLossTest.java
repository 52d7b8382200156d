package io.rollstream.learner.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClippedPolicyLossTest {

    private static final float TOL = 1e-5f;
    private static final float CLIP_LOW = 0.2f;
    private static final float CLIP_HIGH = 0.28f;

    // Five tokens, the third is a feedback token. ratio = exp(logProbs - oldLogProbs); clip to [0.8, 1.28].
    //   t0: ratio 1.5, A = +1 -> -min(1.5, 1.28)      = -1.28  clipped high (no gradient)
    //   t1: ratio 0.5, A = -1 -> -min(-0.5, -0.8)     =  0.8   clipped low  (no gradient)
    //   t2: masked (ratio 3, A = 5 would give -6.4)
    //   t3: ratio 1.1, A = +1 -> -min(1.1, 1.1)       = -1.1   inside the range
    //   t4: ratio 0.5, A = +1 -> -min(0.5, 0.8)       = -0.5   below the range but unclipped branch is smaller
    private static final float[] RATIOS = {1.5f, 0.5f, 3f, 1.1f, 0.5f};
    private static final float[] ADVANTAGES = {1f, -1f, 5f, 1f, 1f};
    private static final float[] MASK = {1, 1, 0, 1, 1};
    private static final float OLD = -2f;

    private static float[] logProbs() {
        float[] lp = new float[RATIOS.length];
        for (int t = 0; t < lp.length; t++) {
            lp[t] = OLD + (float) Math.log(RATIOS[t]);
        }
        return lp;
    }

    @Test
    void shouldClipRatioOnBothSidesAndReportClipFractionAndApproxKl() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PolicyLoss result = compute(manager, manager.create(logProbs(), new Shape(1, 5)));
            // token mean = (-1.28 + 0.8 - 1.1 - 0.5) / 4 = -2.08 / 4 = -0.52
            assertEquals(-0.52f, result.value(), TOL);
            assertEquals(-0.52f, result.loss().getFloat(), TOL);
            // clipped on t0 and t1 of the 4 trained tokens
            assertEquals(0.5f, result.clipFraction(), TOL);
            // mean(old - lp) = -(ln1.5 + ln0.5 + ln1.1 + ln0.5)/4
            //               = -(0.4054651 - 0.6931472 + 0.0953102 - 0.6931472)/4 = 0.8855191/4 = 0.2213798
            assertEquals(0.2213798f, result.approxKl(), TOL);
            assertEquals(List.of("policy/loss", "policy/clip-fraction", "policy/approx-kl"),
                    List.copyOf(result.metrics().keySet()));
        }
    }

    @Test
    void shouldPassGradientOnlyThroughUnclippedTrainedTokens() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray lp = manager.create(logProbs(), new Shape(1, 5)); // (B, T)
            lp.setRequiresGradient(true);
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                collector.backward(compute(manager, lp).loss());
            }
            // d/dlp of -(ratio * A)/4 is -(ratio * A)/4: t3 -> -1.1/4 = -0.275, t4 -> -0.5/4 = -0.125;
            // clipped (t0, t1) and masked (t2) tokens get 0.
            assertArrayEquals(new float[] {0f, 0f, 0f, -0.275f, -0.125f}, lp.getGradient().toFloatArray(), TOL);
        }
    }

    @Test
    void shouldRejectAClipLowOfOneOrMore() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray lp = manager.create(logProbs(), new Shape(1, 5)); // (B, T)
            assertThrows(IllegalArgumentException.class, () -> ClippedPolicyLoss.compute(lp, lp, lp, lp,
                    1f, 0.2f, LossAggregation.TOKEN_MEAN));
        }
    }

    private static PolicyLoss compute(NDManager manager, NDArray lp) {
        Shape shape = new Shape(1, 5);
        NDArray old = manager.full(shape, OLD); // (B, T)
        NDArray advantages = manager.create(ADVANTAGES, shape); // (B, T)
        NDArray mask = manager.create(MASK, shape); // (B, T)
        return ClippedPolicyLoss.compute(lp, old, advantages, mask, CLIP_LOW, CLIP_HIGH, LossAggregation.TOKEN_MEAN);
    }
}
