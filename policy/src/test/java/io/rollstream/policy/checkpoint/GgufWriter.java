package io.rollstream.policy.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes small GGUF v3 files for tests: string, integer, float and string-array metadata and raw tensors. */
public final class GgufWriter {

    private record Entry(String name, long[] dims, int type, byte[] data) {}

    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private final List<Entry> tensors = new ArrayList<>();

    public GgufWriter put(String key, Object value) {
        metadata.put(key, value);
        return this;
    }

    /** A tensor with ggml dims (fastest first), a ggml type id and its raw bytes. */
    public GgufWriter tensor(String name, long[] dims, int type, byte[] data) {
        tensors.add(new Entry(name, dims, type, data));
        return this;
    }

    /** An F32 tensor with row-major {@code shape}. */
    public GgufWriter f32(String name, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[shape.length - 1 - i];
        }
        return tensor(name, dims, 0, b.array());
    }

    public byte[] bytes() {
        Out out = new Out();
        out.i32(0x46554747).i32(3).i64(tensors.size()).i64(metadata.size());
        metadata.forEach((key, value) -> {
            out.str(key);
            out.value(value);
        });
        long offset = 0;
        for (Entry t : tensors) {
            out.str(t.name()).i32(t.dims().length);
            for (long d : t.dims()) {
                out.i64(d);
            }
            out.i32(t.type()).i64(offset);
            offset += align(t.data().length);
        }
        while (out.size() % 32 != 0) {
            out.raw(new byte[] {0});
        }
        for (Entry t : tensors) {
            out.raw(t.data());
            out.raw(new byte[(int) (align(t.data().length) - t.data().length)]);
        }
        return out.toByteArray();
    }

    public Path write(Path file) throws IOException {
        return Files.write(file, bytes());
    }

    private static long align(long n) {
        return (n + 31) / 32 * 32;
    }

    private static final class Out extends ByteArrayOutputStream {
        Out raw(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Out i32(int v) {
            return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        }

        Out i64(long v) {
            return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }

        Out str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return i64(b.length).raw(b);
        }

        void value(Object value) {
            if (value instanceof String s) {
                i32(8).str(s);
            } else if (value instanceof Integer i) {
                i32(4).i32(i);
            } else if (value instanceof Long l) {
                i32(10).i64(l);
            } else if (value instanceof Float f) {
                i32(6).raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(f).array());
            } else if (value instanceof Boolean b) {
                i32(7).raw(new byte[] {(byte) (b ? 1 : 0)});
            } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof String) {
                i32(9).i32(8).i64(list.size());
                list.forEach(s -> str((String) s));
            } else if (value instanceof List<?> list) {
                i32(9).i32(5).i64(list.size());
                list.forEach(n -> i32(((Number) n).intValue()));
            } else {
                throw new IllegalArgumentException("unsupported metadata value " + value);
            }
        }
    }
}
