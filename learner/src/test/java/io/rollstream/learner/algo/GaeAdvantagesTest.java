package io.rollstream.learner.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GaeAdvantagesTest {

    private static final float TOL = 1e-5f;

    // One sequence: attempt-1 tokens at 0 and 1, a feedback token at 2, an attempt-2 token at 3.
    private static final float[][] MASK = {{1, 1, 0, 1}};
    // The value at the feedback position is junk on purpose: it must never be read.
    private static final float[][] VALUES = {{0.5f, 0.6f, 9f, 0.8f}};
    private static final float[] REWARD = {1f};

    @Test
    void shouldBridgeFeedbackSpanWithGammaOneAndLambdaPointNineNine() {
        AdvantagesAndReturns out = GaeAdvantages.fromTerminalRewards(REWARD, VALUES, MASK, 1f, 0.99f);
        // t=3: delta = 1 + 1*0 - 0.8 = 0.2;              A3 = 0.2
        // t=2: masked, skipped;                           A2 = 0
        // t=1: delta = 0 + 1*V(3)=0.8 - 0.6 = 0.2;        A1 = 0.2 + 0.99*0.2 = 0.398
        // t=0: delta = 0 + 0.6 - 0.5 = 0.1;               A0 = 0.1 + 0.99*0.398 = 0.49402
        assertArrayEquals(new float[] {0.49402f, 0.398f, 0f, 0.2f}, out.advantages()[0], TOL);
        // R = A + V at trained positions: 0.99402, 0.998, 0, 1.0
        assertArrayEquals(new float[] {0.99402f, 0.998f, 0f, 1.0f}, out.returns()[0], TOL);
    }

    @Test
    void shouldGiveMonteCarloReturnsWithGammaAndLambdaOne() {
        AdvantagesAndReturns out = GaeAdvantages.fromTerminalRewards(REWARD, VALUES, MASK, 1f, 1f);
        // A3 = 0.2; A1 = 0.2 + 0.2 = 0.4; A0 = 0.1 + 0.4 = 0.5  (= reward - V at every trained token)
        assertArrayEquals(new float[] {0.5f, 0.4f, 0f, 0.2f}, out.advantages()[0], TOL);
        assertArrayEquals(new float[] {1f, 1f, 0f, 1f}, out.returns()[0], TOL);
    }

    @Test
    void shouldDiscountAMaskedSpanAsOneStepNotPerToken() {
        float[][] mask = {{1, 0, 0, 1}};
        float[][] values = {{0.5f, 7f, 7f, 0.8f}};
        AdvantagesAndReturns out = GaeAdvantages.fromTerminalRewards(REWARD, values, mask, 0.9f, 1f);
        // t=3: delta = 1 - 0.8 = 0.2; A3 = 0.2
        // t=0: delta = 0 + 0.9*0.8 - 0.5 = 0.22; A0 = 0.22 + 0.9*1*0.2 = 0.40; R0 = 0.9 (one discount, not 0.9^3)
        assertArrayEquals(new float[] {0.4f, 0f, 0f, 0.2f}, out.advantages()[0], TOL);
        assertArrayEquals(new float[] {0.9f, 0f, 0f, 1f}, out.returns()[0], TOL);
    }

    @Test
    void shouldZeroPromptAndPaddingAndPlaceRewardOnLastTrainedToken() {
        // Row 0: prompt at 0, trained 1..2, padding at 3. Row 1: trained 0 only. Reward -0.5 and -1.
        float[][] mask = {{0, 1, 1, 0}, {1, 0, 0, 0}};
        float[][] values = {{3f, 0.2f, 0.1f, 3f}, {0.25f, 3f, 3f, 3f}};
        AdvantagesAndReturns out = GaeAdvantages.fromTerminalRewards(
                new float[] {-0.5f, -1f}, values, mask, 1f, 1f);
        // Row 0: A2 = -0.5 - 0.1 = -0.6; A1 = (0 + 0.1 - 0.2) + (-0.6) = -0.7
        assertArrayEquals(new float[] {0f, -0.7f, -0.6f, 0f}, out.advantages()[0], TOL);
        // Row 1: A0 = -1 - 0.25 = -1.25
        assertArrayEquals(new float[] {-1.25f, 0f, 0f, 0f}, out.advantages()[1], TOL);
        assertArrayEquals(new float[] {0f, -0.5f, -0.5f, 0f}, out.returns()[0], TOL);
    }

    @Test
    void shouldRejectRewardOnMaskedPosition() {
        float[][] rewards = {{0f, 0f, 1f, 0f}};
        assertThrows(IllegalArgumentException.class,
                () -> GaeAdvantages.compute(rewards, VALUES, MASK, 1f, 1f));
    }

    @Test
    void shouldRejectNonBinaryMaskAndOutOfRangeLambda() {
        float[][] fuzzy = {{1f, 0.5f, 0f, 1f}};
        assertThrows(IllegalArgumentException.class,
                () -> GaeAdvantages.fromTerminalRewards(REWARD, VALUES, fuzzy, 1f, 1f));
        assertThrows(IllegalArgumentException.class,
                () -> GaeAdvantages.fromTerminalRewards(REWARD, VALUES, MASK, 1f, 1.5f));
    }
}
