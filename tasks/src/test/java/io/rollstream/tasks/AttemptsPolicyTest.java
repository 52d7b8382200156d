package io.rollstream.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AttemptsPolicyTest {

    @Test
    void shouldParseACountOrARange() {
        assertEquals(new AttemptsPolicy.Fixed(3), AttemptsPolicy.parse("3"));
        assertEquals(new AttemptsPolicy.Uniform(1, 5), AttemptsPolicy.parse("1-5"));
        assertEquals(new AttemptsPolicy.Uniform(2, 4), AttemptsPolicy.parse(" 2..4 "));
        assertEquals(new AttemptsPolicy.Fixed(2), AttemptsPolicy.parse("2-2"));
        assertEquals("1-5", AttemptsPolicy.PAPER_TRAINING.toString());
    }

    @Test
    void shouldRejectNonsenseNamingTheKey() {
        for (String bad : new String[] {"0", "5-1", "x", "21", "", "1-", "-3", "1-50"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttemptsPolicy.parse(bad),
                    bad);
            assertTrue(e.getMessage().startsWith("attempts: "), e.getMessage());
            assertTrue(e.getMessage().endsWith("got '" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void shouldDrawEveryCountOfARangeEquallyOften() {
        AttemptsPolicy policy = AttemptsPolicy.parse("1-5");
        SplittableRandom random = new SplittableRandom(7);
        int draws = 50_000;
        int[] counts = new int[7];
        for (int i = 0; i < draws; i++) {
            counts[policy.draw(random)]++;
        }
        assertEquals(0, counts[0] + counts[6]);
        for (int n = 1; n <= 5; n++) {
            // Expected 10,000 each; the binomial standard deviation is about 89.
            assertTrue(Math.abs(counts[n] - draws / 5) < 500, "N=" + n + " drawn " + counts[n] + " times");
        }
    }

    @Test
    void shouldAlwaysDrawAFixedCount() {
        SplittableRandom random = new SplittableRandom(1);
        AttemptsPolicy three = AttemptsPolicy.parse("3");
        for (int i = 0; i < 100; i++) {
            assertEquals(3, three.draw(random));
        }
    }

    @Test
    void shouldRestrictToAtLeastACount() {
        assertEquals(Optional.of(new AttemptsPolicy.Uniform(2, 5)), AttemptsPolicy.parse("1-5").atLeast(2));
        assertEquals(Optional.of(new AttemptsPolicy.Fixed(2)), AttemptsPolicy.parse("1-2").atLeast(2));
        assertEquals(Optional.empty(), AttemptsPolicy.parse("1").atLeast(2));
        assertEquals(Optional.of(new AttemptsPolicy.Fixed(4)), AttemptsPolicy.parse("4").atLeast(2));
    }
}
