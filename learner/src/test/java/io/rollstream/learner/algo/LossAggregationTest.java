package io.rollstream.learner.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class LossAggregationTest {

    private static final float TOL = 1e-6f;

    // Row 0 trains 3 tokens, row 1 trains 1, row 2 trains none.
    private static final float[][] LOSS = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 9, 9, 9}};
    private static final float[][] MASK = {{1, 1, 1, 0}, {0, 1, 0, 0}, {0, 0, 0, 0}};

    @Test
    void shouldWeighEveryTrainedTokenEquallyUnderTokenMean() {
        // (1 + 2 + 3 + 6) / 4 = 3
        assertEquals(3f, aggregate(LossAggregation.TOKEN_MEAN, MASK), TOL);
    }

    @Test
    void shouldWeighEverySequenceEquallyUnderSequenceMean() {
        // row 0: (1 + 2 + 3)/3 = 2; row 1: 6/1 = 6; row 2 has no trained token and is left out -> (2 + 6)/2 = 4
        assertEquals(4f, aggregate(LossAggregation.SEQUENCE_MEAN, MASK), TOL);
    }

    @Test
    void shouldGiveZeroWhenNothingIsTrained() {
        float[][] none = new float[3][4];
        assertEquals(0f, aggregate(LossAggregation.TOKEN_MEAN, none), TOL);
        assertEquals(0f, aggregate(LossAggregation.SEQUENCE_MEAN, none), TOL);
    }

    @Test
    void shouldParseDashedAndUpperCaseNamesAndListOptionsOnUnknownName() {
        assertEquals(LossAggregation.TOKEN_MEAN, LossAggregation.parse("token-mean"));
        assertEquals(LossAggregation.SEQUENCE_MEAN, LossAggregation.parse("SEQUENCE_MEAN"));
        assertEquals(KlEstimator.K3, KlEstimator.parse("k3"));
        assertEquals(AdvantageEstimator.GROUP, AdvantageEstimator.parse(" Group "));
        assertEquals(GroupNormalisation.MEAN_ONLY, GroupNormalisation.parse("mean-only"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AdvantageEstimator.parse("vtrace"));
        assertTrue(e.getMessage().contains("'vtrace'") && e.getMessage().contains("gae, group"), e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> KlEstimator.parse(null));
        assertTrue(none.getMessage().contains("k1, k3"), none.getMessage());
    }

    private static float aggregate(LossAggregation aggregation, float[][] mask) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray result = aggregation.aggregate(manager.create(LOSS), manager.create(mask)); // ()
            return result.getFloat();
        }
    }
}
