package io.rollstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EpisodeSizesTest {

    @Test
    void shouldMakeEveryRecordSmallerThanTheEmbeddedLayoutOnceAnEpisodeHasSeveralAttempts() {
        List<EpisodeSizes.Row> rows = EpisodeSizes.of(5, 3_000, 1);
        assertEquals(List.of("Prompt", "Attempt", "GradedAttempt", "Trajectory", "EpisodeState"),
                rows.stream().map(EpisodeSizes.Row::kind).toList());
        for (EpisodeSizes.Row row : rows) {
            if (row.kind().equals("Prompt")) {
                assertEquals(row.embedded(), row.lean(), "a prompt carries the conversation in both layouts");
            } else {
                assertTrue(row.lean() < row.embedded(), row.toString());
            }
        }
    }

    @Test
    void shouldKeepEveryLeanRecordUnderKafkasDefaultLimitAtFiveAttemptsOfEightThousandTokens() {
        for (EpisodeSizes.Row row : EpisodeSizes.of(5, 8_000, 1)) {
            assertTrue(row.lean() < EpisodeSizes.KAFKA_DEFAULT_MAX_MESSAGE_BYTES, row.toString());
        }
    }

    @Test
    void shouldGrowTheLeanAttemptRecordOnlyWithItsOwnResponseAndPromptTokens() {
        long one = EpisodeSizes.of(1, 3_000, 1).get(1).lean();
        long five = EpisodeSizes.of(5, 3_000, 1).get(1).lean();
        long embeddedFive = EpisodeSizes.of(5, 3_000, 1).get(1).embedded();
        // Attempt 5 adds four earlier responses' worth of prompt token ids (ints), not their text.
        assertTrue(five < embeddedFive, five + " vs " + embeddedFive);
        assertTrue(five > one, "a later attempt conditions on more tokens");
    }
}
