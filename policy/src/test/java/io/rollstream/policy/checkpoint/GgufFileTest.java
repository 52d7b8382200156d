package io.rollstream.policy.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileTest {

    @TempDir
    Path dir;

    private GgufWriter sample() {
        byte[] q8 = new byte[34];
        q8[0] = 0x00;
        q8[1] = 0x3C; // d = 1.0 (half 0x3C00, little-endian)
        q8[2] = 5;
        return new GgufWriter()
                .put("general.architecture", "llama")
                .put("llama.block_count", 2)
                .put("llama.rope.freq_base", 10000f)
                .put("tokenizer.ggml.tokens", List.of("a", "b"))
                .f32("w", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6})
                .tensor("q", new long[] {32}, 8, q8);
    }

    @Test
    void shouldReadMetadataAndTensorsInRowMajorOrder() throws Exception {
        GgufFile gguf = GgufFile.open(sample().write(dir.resolve("m.gguf")));
        assertEquals("llama", gguf.metadata().get("general.architecture"));
        assertEquals(2L, gguf.metadata().get("llama.block_count"));
        assertEquals(10000.0, gguf.metadata().get("llama.rope.freq_base"));
        assertEquals(List.of("a", "b"), gguf.metadata().get("tokenizer.ggml.tokens"));
        assertArrayEquals(new long[] {2, 3}, gguf.shape("w"));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, gguf.read("w").values());
        assertEquals(GgmlType.Q8_0, gguf.type("q"));
        assertEquals(5f, gguf.read("q").values()[0]);
    }

    @Test
    void shouldRefuseATruncatedFileNamingTheTensor() throws Exception {
        byte[] whole = sample().bytes();
        Path file = Files.write(dir.resolve("cut.gguf"), Arrays.copyOf(whole, whole.length - 40));
        CheckpointException e = assertThrows(CheckpointException.class, () -> GgufFile.open(file));
        assertEquals("q", e.key());
        assertTrue(e.getMessage().contains("cut.gguf") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void shouldRefuseAFileCutInsideItsHeader() throws Exception {
        byte[] whole = sample().bytes();
        Path file = Files.write(dir.resolve("head.gguf"), Arrays.copyOf(whole, 60));
        CheckpointException e = assertThrows(CheckpointException.class, () -> GgufFile.open(file));
        assertTrue(e.getMessage().contains("head.gguf") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownQuantisationTypeNamingTheTensor() throws Exception {
        Path file = new GgufWriter().tensor("blk.0.ffn_up.weight", new long[] {256}, 12, new byte[144])
                .write(dir.resolve("k.gguf"));
        CheckpointException e = assertThrows(CheckpointException.class, () -> GgufFile.open(file));
        assertEquals("blk.0.ffn_up.weight", e.key());
        assertTrue(e.getMessage().contains("type 12"), e.getMessage());
    }

    @Test
    void shouldRefuseAFileThatIsNotGguf() throws Exception {
        Path file = Files.writeString(dir.resolve("x.gguf"), "{\"not\": \"gguf\"}");
        CheckpointException e = assertThrows(CheckpointException.class, () -> GgufFile.open(file));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }
}
