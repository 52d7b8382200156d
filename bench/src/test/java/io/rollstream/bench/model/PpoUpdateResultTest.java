package io.rollstream.bench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PpoUpdateResultTest {

    // 100 parameters, 2 sequences of 10 tokens, 4 of them prompt: 12 trained tokens and 6 * 100 * 20 = 12,000
    // FLOPs per update; the matmul probe ran at 12,000 FLOP/s.
    private static final PpoUpdateResult RESULT = new PpoUpdateResult(2, 10, 4, 100, 4.0, List.of(3.0, 1.0, 2.0),
            12_000);

    @Test
    void shouldCountSixFlopsPerWeightAndTokenOverWholeSequences() {
        assertEquals(12, RESULT.trainedTokens());
        assertEquals(12_000, RESULT.updateFlops(), 1e-9);
    }

    @Test
    void shouldRateTrainedTokensAndTheMatmulShareByTheGivenTime() {
        assertEquals(6.0, RESULT.trainedTokensPerSecond(2.0), 1e-12); // 12 tokens in 2 s
        assertEquals(0.5, RESULT.matmulFraction(2.0), 1e-12); // 6,000 of 12,000 FLOP/s
        assertEquals(0.25, RESULT.matmulFraction(4.0), 1e-12);
    }

    @Test
    void shouldTakeTheMedianOfTheMeasuredUpdatesOnly() {
        assertEquals(2.0, RESULT.medianSeconds(), 1e-12); // the warm-up's 4 s is not among them
        PpoUpdateResult even = new PpoUpdateResult(2, 10, 4, 100, 9.0, List.of(4.0, 1.0, 3.0, 2.0), 12_000);
        assertEquals(2.5, even.medianSeconds(), 1e-12);
    }

    @Test
    void shouldPrintTheWarmUpAndTheMedianRows() {
        String table = RESULT.table();
        assertTrue(table.contains("2 sequences x 10 tokens (4 prompt + 6 trained)"), table);
        assertTrue(table.matches("(?s).*warm-up +4\\.00 +3\\.0 +0\\.00 +25\\.0%.*"), table);
        assertTrue(table.matches("(?s).*median of 3 +2\\.00 +6\\.0 +0\\.00 +50\\.0%.*"), table);
    }

    @Test
    void shouldTakeThePromptFromTheChatPromptUpToHalfTheSequence() {
        PpoBenchConfig config = new PpoBenchConfig(8, 128, 3);
        assertEquals(40, config.promptTokens(40));
        assertEquals(64, config.promptTokens(100));
        assertEquals(1, new PpoBenchConfig(1, 2, 1).promptTokens(30));
        assertThrows(IllegalArgumentException.class, () -> new PpoBenchConfig(0, 128, 3));
        assertThrows(IllegalArgumentException.class, () -> new PpoBenchConfig(8, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> new PpoBenchConfig(8, 128, 0));
    }
}
