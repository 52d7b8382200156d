package io.rollstream.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rollstream.bench.StreamThreadPhases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraderBenchCommandIT {

    @TempDir
    Path dir;

    @Test
    void shouldGradeTwoRoundsOfEachMixOnceEachAsScriptedAndReportNonZeroFigures() throws Exception {
        BenchRun run = BenchRun.execute(dir.resolve("grader.json"), "grader", "--records", "300", "--seconds", "2",
                "--rate", "50", "--threads", "1", "--mix", "integers,math500", "--rounds", "2",
                "--warmup-records", "100");
        for (String mix : new String[] {"integers", "math500"}) {
            String of = " [" + mix + "]";
            run.assertPositive("grader graded committed" + of);
            run.assertPositive("raw produce->consume" + of);
            run.assertPositive("raw produce->consume bytes" + of);
            run.assertPositive("latency samples" + of);
            run.assertPositive("grader latency p50 (read_committed receipt - finishedAt)" + of);
            run.assertPositive("offered load achieved" + of);
            assertEquals(2 * 300, run.figure("backlog attempts" + of), "the rounds pool their backlogs");
            assertEquals(2 * 300 + run.figure("latency samples" + of), run.figure("graded records audited" + of));
            run.assertPositive("grader graded committed round 1" + of);
            run.assertPositive("grader graded committed round 2" + of);
            assertEquals(0, run.figure("duplicate graded records" + of));
            assertEquals(1, run.figure("verdicts as scripted" + of), run.output());
            assertEquals(120, run.figure("questions" + of));
            run.assertPositive("stream thread samples" + of);
            double shares = 0;
            for (StreamThreadPhases phase : StreamThreadPhases.values()) {
                shares += run.figure("stream thread time: " + phase.label() + of);
            }
            assertEquals(100, shares, 1e-6, "every stream-thread sample is in one phase");
            assertTrue(run.output().contains(mix + " grader: graded attempts committed"), run.output());
        }
        assertEquals(run.figure("grader graded committed [math500]") / run.figure("grader graded committed [integers]"),
                run.figure("grader throughput ratio math500 / integers"), 1e-9);
        assertTrue(run.output().contains("math500 stream threads: answer checker"), run.output());
        String out = run.output();
        int[] order = {out.indexOf("round 1 of 2, answer mix integers"), out.indexOf("round 1 of 2, answer mix math500"),
                out.indexOf("round 2 of 2, answer mix math500"), out.indexOf("round 2 of 2, answer mix integers")};
        for (int i = 0; i < order.length; i++) {
            assertTrue(order[i] >= 0 && (i == 0 || order[i] > order[i - 1]), "the rounds run A B B A: " + out);
        }
    }
}
