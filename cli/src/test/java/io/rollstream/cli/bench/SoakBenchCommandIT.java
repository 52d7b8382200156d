package io.rollstream.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakBenchCommandIT {

    @TempDir
    Path dir;

    @Test
    void shouldSurviveItsFaultsLosingNothingAndReportHeapThroughputAndAudit() throws Exception {
        BenchRun run = BenchRun.execute(dir.resolve("soak.json"), "soak", "--minutes", "0.5", "--fault-every",
                "PT10S", "--warm-up", "PT5S", "--queue", "60", "--seed", "1");
        double faults = run.figure("faults: broker") + run.figure("faults: grader") + run.figure("faults: actor");
        assertTrue(faults >= 1, "faults: " + faults + "\n" + run.output());
        run.assertPositive("episodes fed");
        assertEquals(run.figure("episodes fed"), run.figure("episodes closed"), run.output());
        assertEquals(run.figure("episodes fed"), run.figure("auditor: episodes audited"), run.output());
        assertEquals(0, run.figure("episodes lost (fed, never closed)"));
        assertEquals(0, run.figure("attempts graded twice"));
        assertEquals(0, run.figure("second trajectories of an episode"));
        assertEquals(0, run.figure("auditor: violations"), run.output());
        run.assertPositive("heap after GC at the start");
        run.assertPositive("heap after GC at the end");
        run.assertPositive("minute 1 episodes/s");
        assertTrue(run.output().contains("fault timeline:"), run.output());
        assertTrue(run.output().contains("auditor's verdict: PASSED; soak PASSED"), run.output());
    }
}
