package io.rollstream.learner.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GroupAdvantagesTest {

    private static final float TOL = 1e-5f;
    private static final float EPS = 1e-6f;

    // Group "q1": rewards 1, -0.5, -0.5, 1. mean = 0.25, deviations +-0.75, sum of squares = 4*0.5625 = 2.25,
    // sample variance = 2.25/3 = 0.75, std = sqrt(0.75) = 0.8660254 (population std would be 0.75).
    // Group "q2": rewards 1, -1. mean 0, sample variance (1+1)/1 = 2, std = 1.4142136.
    // Group "q3": rewards -1, -1: no spread. Group "q4": a single episode.
    private static final float[] REWARDS = {1f, -0.5f, -0.5f, 1f, 1f, -1f, -1f, -1f, 1f};
    private static final String[] GROUPS = {"q1", "q1", "q1", "q1", "q2", "q2", "q3", "q3", "q4"};

    @Test
    void shouldDivideByTheSampleStdOfTheGroup() {
        float[] advantages = GroupAdvantages.compute(REWARDS, GROUPS, GroupNormalisation.MEAN_STD, EPS);
        // q1: 0.75/0.8660254 = 0.8660254; q2: 1/1.4142136 = 0.7071068; q3 and q4: 0
        float a = 0.8660254f;
        float b = 0.7071068f;
        assertArrayEquals(new float[] {a, -a, -a, a, b, -b, 0f, 0f, 0f}, advantages, TOL);
    }

    @Test
    void shouldOnlyCentreUnderDrGrpo() {
        float[] advantages = GroupAdvantages.compute(REWARDS, GROUPS, GroupNormalisation.MEAN_ONLY, EPS);
        // q1: r - 0.25; q2: r - 0; q3: -1 - (-1) = 0; q4: 1 - 1 = 0
        assertArrayEquals(new float[] {0.75f, -0.75f, -0.75f, 0.75f, 1f, -1f, 0f, 0f, 0f}, advantages, TOL);
    }

    @Test
    void shouldGroupByIdEvenWhenMembersAreInterleaved() {
        float[] advantages = GroupAdvantages.compute(
                new float[] {1f, 0f, -1f, 0f}, new String[] {"a", "b", "a", "b"}, GroupNormalisation.MEAN_ONLY, EPS);
        // a: mean 0 -> 1, -1; b: mean 0 -> 0, 0
        assertArrayEquals(new float[] {1f, 0f, -1f, 0f}, advantages, TOL);
    }

    @Test
    void shouldNormaliseEachGroupByItsMeanAndSampleStd() {
        // Groups of G = 4: {1, -0.5, -0.5, 1} and {-1, -1, -1, -1}
        float[] rewards = {1f, -0.5f, -0.5f, 1f, -1f, -1f, -1f, -1f};
        String[] groups = {"g1", "g1", "g1", "g1", "g2", "g2", "g2", "g2"};
        float a = 0.8660254f; // 0.75 / sqrt(0.75): deviation over the sample std of the group
        assertArrayEquals(new float[] {a, -a, -a, a, 0f, 0f, 0f, 0f},
                GroupAdvantages.compute(rewards, groups, GroupNormalisation.MEAN_STD, EPS), TOL);
        assertArrayEquals(new float[] {0.75f, -0.75f, -0.75f, 0.75f, 0f, 0f, 0f, 0f},
                GroupAdvantages.compute(rewards, groups, GroupNormalisation.MEAN_ONLY, EPS), TOL);
        // eps = 0 on a group without spread must still give 0, not NaN.
        assertArrayEquals(new float[] {a, -a, -a, a, 0f, 0f, 0f, 0f},
                GroupAdvantages.compute(rewards, groups, GroupNormalisation.MEAN_STD, 0f), TOL);
    }

    @Test
    void shouldBroadcastSequenceAdvantageOverTrainedTokensOnly() {
        float[][] mask = {{0, 1, 0, 1}, {1, 1, 1, 0}};
        float[][] host = GroupAdvantages.broadcast(new float[] {0.5f, -2f}, mask);
        assertArrayEquals(new float[] {0f, 0.5f, 0f, 0.5f}, host[0], TOL);
        assertArrayEquals(new float[] {-2f, -2f, -2f, 0f}, host[1], TOL);
    }
}
