package io.rollstream.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraderBenchCommandIT {

    @TempDir
    Path dir;

    @Test
    void shouldGradeATinyRunOnceEachAsScriptedAndReportNonZeroFigures() throws Exception {
        BenchRun run = BenchRun.execute(dir.resolve("grader.json"), "grader", "--records", "300", "--seconds", "2",
                "--rate", "50", "--threads", "1");
        run.assertPositive("grader graded committed");
        run.assertPositive("raw produce->consume");
        run.assertPositive("raw produce->consume bytes");
        run.assertPositive("latency samples");
        run.assertPositive("grader latency p50 (read_committed receipt - finishedAt)");
        run.assertPositive("offered load achieved");
        assertEquals(300 + run.figure("latency samples"), run.figure("graded records audited"));
        assertEquals(0, run.figure("duplicate graded records"));
        assertEquals(1, run.figure("verdicts as scripted"), run.output());
        assertTrue(run.output().contains("grader: graded attempts committed"), run.output());
    }
}
