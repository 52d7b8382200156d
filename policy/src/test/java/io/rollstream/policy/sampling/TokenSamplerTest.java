package io.rollstream.policy.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {

    private static final float[] LOGITS = {2f, 1f, 0f, -1f};

    private static double logSoftmax(float[] logits, int id, double temperature) {
        double sum = 0;
        for (float logit : logits) {
            sum += Math.exp(logit / temperature);
        }
        return logits[id] / temperature - Math.log(sum);
    }

    @Test
    void shouldPickTheArgmaxWithItsUntemperedLogProbWhenGreedy() {
        SampledToken token = TokenSampler.sample(LOGITS, 0, 4, 0f, 1f, new SplittableRandom(1));
        assertEquals(0, token.id());
        assertEquals(logSoftmax(LOGITS, 0, 1.0), token.logProb(), 1e-6);
    }

    @Test
    void shouldReportTheTemperedLogProbBeforeTopPTruncation() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 200; i++) {
            SampledToken token = TokenSampler.sample(LOGITS, 0, 4, 0.5f, 0.8f, random);
            assertEquals(logSoftmax(LOGITS, token.id(), 0.5), token.logProb(), 1e-6);
        }
    }

    @Test
    void shouldNeverDrawOutsideTheNucleus() {
        // At temperature 0.5 the probabilities are about 0.867, 0.117, 0.016, 0.002: top-p 0.8 keeps only id 0.
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 500; i++) {
            assertEquals(0, TokenSampler.sample(LOGITS, 0, 4, 0.5f, 0.8f, random).id());
        }
    }

    @Test
    void shouldDrawInProportionToTheTemperedProbabilities() {
        SplittableRandom random = new SplittableRandom(4);
        int[] counts = new int[4];
        int draws = 20000;
        for (int i = 0; i < draws; i++) {
            counts[TokenSampler.sample(LOGITS, 0, 4, 1f, 1f, random).id()]++;
        }
        for (int id = 0; id < 4; id++) {
            double expected = Math.exp(logSoftmax(LOGITS, id, 1.0));
            assertTrue(Math.abs(counts[id] / (double) draws - expected) < 0.015, "id " + id);
        }
    }

    @Test
    void shouldReadTheRowAtItsOffset() {
        float[] twoRows = {0f, 0f, 0f, 9f, /* row 1 */ 9f, 0f, 0f, 0f};
        assertEquals(3, TokenSampler.sample(twoRows, 0, 4, 0f, 1f, new SplittableRandom(5)).id());
        assertEquals(0, TokenSampler.sample(twoRows, 4, 4, 0f, 1f, new SplittableRandom(5)).id());
    }
}
