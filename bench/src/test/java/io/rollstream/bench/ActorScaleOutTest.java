package io.rollstream.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActorScaleOutTest {

    private static final List<String> JAVA = List.of("java", "-cp", "x", "Main");

    @Test
    void shouldRefuseInstanceCountsThePromptPartitionsCannotShare() {
        assertThrows(IllegalArgumentException.class, () -> new ActorScaleOut.Config(List.of(0), 10, 8, 4, 1, JAVA));
        assertThrows(IllegalArgumentException.class, () -> new ActorScaleOut.Config(List.of(5), 10, 8, 4, 1, JAVA));
        assertThrows(IllegalArgumentException.class, () -> new ActorScaleOut.Config(List.of(1), 0, 8, 4, 1, JAVA));
        assertEquals(25, new ActorScaleOut.Config(List.of(1), 100, 8, 4, 1, JAVA).warmUpPrompts());
        assertEquals(1, new ActorScaleOut.Config(List.of(1), 3, 8, 4, 1, JAVA).warmUpPrompts());
    }

    @Test
    void shouldShareTheCoresOutAtLeastOneThreadEach() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(cores, ActorScaleOut.threadsPerActor(1));
        assertEquals(Math.max(1, cores / 2), ActorScaleOut.threadsPerActor(2));
        assertEquals(1, ActorScaleOut.threadsPerActor(cores + 1));
    }

    @Test
    void shouldRateEachCountAgainstTheFirst() {
        ActorScaleOut.Config config = new ActorScaleOut.Config(List.of(1, 2), 100, 8, 4, 1, JAVA);
        BenchReport report = ActorScaleOut.report(config, MachineInfo.current(), List.of(
                new ActorScaleOut.Row(1, 40, 2.5), new ActorScaleOut.Row(2, 50, 2.0)));
        assertEquals(1.25, report.figure("actor scaling 2 / 1").orElseThrow().value(), 1e-12);
        assertTrue(report.table().render().contains("1.25x"), report.table().render());
    }
}
