package io.rollstream.policy.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RopeTest {

    @Test
    void shouldSpaceInverseFrequenciesGeometricallyFromOne() {
        // theta 10000, dim 4: exponents 0 and 2/4 -> 1 and 1/100
        assertArrayEquals(new float[] {1f, 0.01f}, Rope.inverseFrequencies(10000, 4), 1e-9f);
    }

    @Test
    void shouldRepeatAnglesOverBothHalvesOfAHead() {
        float[][] cs = Rope.cosSin(new long[] {0, 2}, new float[] {1f, 0.5f});
        // position 0: every angle 0
        assertArrayEquals(new float[] {1, 1, 1, 1}, java.util.Arrays.copyOfRange(cs[0], 0, 4), 0f);
        // position 2: angles 2 and 1, each twice
        float c2 = (float) Math.cos(2);
        float c1 = (float) Math.cos(1);
        assertArrayEquals(new float[] {c2, c1, c2, c1}, java.util.Arrays.copyOfRange(cs[0], 4, 8), 1e-7f);
        assertEquals((float) Math.sin(1), cs[1][5], 1e-7f);
    }

    @Test
    void shouldRotatePairsFormedAcrossTheTwoHalves() {
        // head (x0, x1 | x2, x3) = (1, 2 | 3, 4); pair (x0, x2) turns by 90 degrees, pair (x1, x3) not at all
        float[] cos = {0, 1, 0, 1};
        float[] sin = {1, 0, 1, 0};
        float[] out = Rope.rotate(new float[] {1, 2, 3, 4}, cos, sin);
        // x0' = x0 cos - x2 sin = -3; x2' = x2 cos + x0 sin = 1
        assertArrayEquals(new float[] {-3, 2, 1, 4}, out, 0f);
    }
}
