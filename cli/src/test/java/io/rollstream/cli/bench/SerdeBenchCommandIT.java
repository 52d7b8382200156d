package io.rollstream.cli.bench;

import io.rollstream.bench.AttemptWorkload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerdeBenchCommandIT {

    @TempDir
    Path dir;

    @Test
    void shouldRoundTripATinyRunAndReportNonZeroFigures() throws Exception {
        BenchRun run = BenchRun.execute(dir.resolve("serde.json"), "serde", "--records", "3000",
                "--warmup-records", "500", "--threads", "2");
        run.assertPositive("serialize+deserialize");
        run.assertPositive("serialize+deserialize bytes");
        run.assertPositive("serialize (mean per record)");
        run.assertPositive("deserialize (mean per record)");
        assertTrue(run.figure("serialized attempt size (mean)") > AttemptWorkload.RESPONSE_CHARS);
        assertEquals(3000, run.figure("timed round trips"));
        assertTrue(run.json().get("machine").get("cores").asInt() >= 1);
        assertTrue(run.output().contains("settings:") && run.output().contains("machine:"), run.output());
        assertTrue(run.output().contains("serialize+deserialize"), run.output());
    }
}
