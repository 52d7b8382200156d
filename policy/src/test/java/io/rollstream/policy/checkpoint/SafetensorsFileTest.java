package io.rollstream.policy.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {

    @TempDir
    Path dir;

    private Path sample() throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a.weight", new Tensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        tensors.put("b.bias", new Tensor(new long[] {1}, new float[] {-0.5f}));
        Path file = dir.resolve("model.safetensors");
        SafetensorsFile.write(file, tensors, Map.of("format", "pt"));
        return file;
    }

    @Test
    void shouldReadBackWhatItWrote() throws Exception {
        SafetensorsFile file = SafetensorsFile.open(sample());
        assertEquals(java.util.List.of("a.weight", "b.bias"), java.util.List.copyOf(file.names()));
        assertArrayEquals(new long[] {2, 3}, file.shape("a.weight"));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, file.read("a.weight").values());
        assertArrayEquals(new float[] {-0.5f}, file.read("b.bias").values());
        assertEquals("pt", file.metadata().get("format"));
        byte[] bytes = Files.readAllBytes(dir.resolve("model.safetensors"));
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLength) % 8, "data starts 8-byte aligned");
    }

    @Test
    void shouldReadHalfAndBfloat16Tensors() throws Exception {
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[4,6]}}";
        ByteBuffer buffer = ByteBuffer.allocate(8 + header.length() + 6).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        buffer.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x3F80);
        Path file = Files.write(dir.resolve("half.safetensors"), buffer.array());
        SafetensorsFile st = SafetensorsFile.open(file);
        assertArrayEquals(new float[] {1f, -2f}, st.read("h").values());
        assertArrayEquals(new float[] {1f}, st.read("b").values());
    }

    @Test
    void shouldRefuseATruncatedFileNamingTheTensor() throws Exception {
        byte[] whole = Files.readAllBytes(sample());
        Path cut = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(whole, whole.length - 2));
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(cut));
        assertEquals("b.bias", e.key());
        assertTrue(e.getMessage().contains("cut.safetensors") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void shouldRefuseACorruptHeader() throws Exception {
        byte[] bytes = Files.readAllBytes(sample());
        bytes[8] = '#';
        Path bad = Files.write(dir.resolve("bad.safetensors"), bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(bad));
        assertTrue(e.getMessage().contains("bad.safetensors") && e.getMessage().contains("JSON"), e.getMessage());
        Path tiny = Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3});
        assertThrows(CheckpointException.class, () -> SafetensorsFile.open(tiny));
    }

    @Test
    void shouldRefuseAnUnsupportedDtypeNamingTheTensor() throws Exception {
        String header = "{\"q\":{\"dtype\":\"I8\",\"shape\":[2],\"data_offsets\":[0,2]}}";
        ByteBuffer buffer = ByteBuffer.allocate(8 + header.length() + 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        Path file = Files.write(dir.resolve("i8.safetensors"), buffer.array());
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsFile.open(file));
        assertEquals("q", e.key());
    }
}
