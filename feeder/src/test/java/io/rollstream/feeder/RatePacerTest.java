package io.rollstream.feeder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatePacerTest {

    /** A clock that moves only when the pacer sleeps, and a record of the sleeps. */
    private static final class FakeTime {
        long now = 1_000_000_000L;
        final List<Long> sleeps = new ArrayList<>();

        RatePacer pacer(double rate) {
            return new RatePacer(rate, () -> now, nanos -> {
                sleeps.add(nanos);
                now += nanos;
            });
        }
    }

    @Test
    void shouldReleaseEventsEvenlyAtTheRate() throws InterruptedException {
        FakeTime time = new FakeTime();
        long start = time.now;
        RatePacer pacer = time.pacer(10);
        for (int i = 0; i < 11; i++) {
            pacer.acquire();
        }
        assertEquals(1_000_000_000L, time.now - start);
        assertEquals(10, time.sleeps.size());
    }

    @Test
    void shouldCatchUpAfterASlowMomentWithoutSleeping() throws InterruptedException {
        FakeTime time = new FakeTime();
        RatePacer pacer = time.pacer(4);
        pacer.acquire();
        time.now += 2_000_000_000L; // the caller was busy for two seconds: 8 events' worth
        for (int i = 0; i < 8; i++) {
            pacer.acquire();
        }
        assertEquals(List.of(), time.sleeps);
        pacer.acquire();
        assertEquals(List.of(250_000_000L), time.sleeps);
    }

    @Test
    void shouldNeverWaitAtRateZero() throws InterruptedException {
        FakeTime time = new FakeTime();
        RatePacer pacer = time.pacer(0);
        for (int i = 0; i < 1000; i++) {
            pacer.acquire();
        }
        assertEquals(List.of(), time.sleeps);
    }
}
