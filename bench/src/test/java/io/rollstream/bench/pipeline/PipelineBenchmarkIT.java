package io.rollstream.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.bench.MachineInfo;
import io.rollstream.policy.model.ModelPreset;
import io.rollstream.tasks.AttemptsPolicy;
import io.rollstream.tasks.SyntheticDifficulty;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineBenchmarkIT {

    @TempDir
    Path dir;

    @Test
    void shouldTrainBothModesOnAsManyTrajectoriesAndNeverTrainSynchronouslyOnAnOlderVersion() throws Exception {
        PipelineSettings settings = new PipelineSettings(dir, ModelPreset.TINY, SyntheticDifficulty.parse("easy"), 3,
                60, 1, 4, 8, AttemptsPolicy.parse("1"), 2, 16, 8, 2);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PipelineBenchmark.Result result = PipelineBenchmark.run(settings, MachineInfo.current(),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        for (ModeFigures mode : new ModeFigures[] {result.asynchronous(), result.synchronous()}) {
            assertEquals(4, mode.updates(), mode.mode());
            assertEquals(4 * 8, mode.trained(), mode.mode());
            assertTrue(mode.fed() >= mode.trained(), mode.mode());
            assertTrue(mode.actorBusy() > 0 && mode.actorBusy() <= 1, mode.mode() + " " + mode.actorBusy());
            assertTrue(mode.learnerBusy() > 0 && mode.learnerBusy() <= 1, mode.mode() + " " + mode.learnerBusy());
            assertEquals(0, mode.droppedStale(), mode.mode());
        }
        // Generation waits for the version trained on the batch before: every trajectory is of the current one.
        assertEquals(Map.of(0L, 32L), result.synchronous().staleness());
        // Running ahead, the learner trains on batches generated before its last update.
        assertTrue(result.asynchronous().staleness().keySet().stream().anyMatch(v -> v > 0),
                result.asynchronous().stalenessHistogram());
        assertTrue(result.report().figure("asynchronous / synchronous wall time").isPresent());
    }
}
