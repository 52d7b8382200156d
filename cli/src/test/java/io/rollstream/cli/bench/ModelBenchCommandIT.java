package io.rollstream.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ModelBenchCommandIT {

    @Test
    void shouldPrintBothEnginesAndAPpoUpdateOfSmolLm2() {
        String gguf = System.getenv("ROLLSTREAM_SMOLLM2_GGUF");
        Assumptions.assumeTrue(gguf != null && Files.isRegularFile(Path.of(gguf)),
                "ROLLSTREAM_SMOLLM2_GGUF does not name the SmolLM2 GGUF file (.ci/run fetches it)");
        StringWriter text = new StringWriter();
        CommandLine cli = BenchCommand.commandLine();
        cli.setOut(new PrintWriter(text, true));
        cli.setErr(new PrintWriter(text, true));
        // tiny settings: one row per engine, then one measured update of 2 sequences of 16 tokens
        int code = cli.execute("model", "--model", gguf, "--batch", "1", "--new-tokens", "4",
                "--ppo-sequences", "2", "--ppo-tokens", "16", "--ppo-updates", "1");
        System.out.println(text);
        assertEquals(0, code, text.toString());
        String output = text.toString();
        assertTrue(output.contains("ours (DJL, fp32)") && output.contains("llama.cpp (Q4_1)"), output);
        assertTrue(output.contains("2 sequences x 16 tokens (8 prompt + 8 trained)"), output);
        assertTrue(output.contains("median of 1") && output.contains("matmul probe"), output);
    }
}
