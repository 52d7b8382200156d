package io.rollstream.policy.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class QkPermutationTest {

    @Test
    void shouldMoveInterleavedPairsBackToHalves() {
        // one head of width 4, one column: GGUF rows (a0, b0, a1, b1) hold HF rows (a0, a1 | b0, b1)
        float[] gguf = {10, 20, 11, 21};
        assertArrayEquals(new float[] {10, 11, 20, 21}, QkPermutation.toHuggingFace(gguf, 1, 4, 1), 0f);
    }

    @Test
    void shouldPermuteEachHeadOnItsOwnAndKeepRowsWhole() {
        // two heads of width 2 (no reordering within a pair of one), two columns per row
        float[] gguf = {1, 2, 3, 4, 5, 6, 7, 8};
        assertArrayEquals(gguf, QkPermutation.toHuggingFace(gguf, 2, 2, 2), 0f);
        // one head of width 4, two columns
        float[] wide = {0, 0, 2, 2, 1, 1, 3, 3};
        assertArrayEquals(new float[] {0, 0, 1, 1, 2, 2, 3, 3}, QkPermutation.toHuggingFace(wide, 1, 4, 2), 0f);
    }
}
