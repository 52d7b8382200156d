package io.rollstream.policy.checkpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The ggml storage types this reader dequantises, with their ids in the GGUF tensor table, the number of values
 * per block and the bytes per block.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, Dequantize.QK, 18),
    Q4_1(3, Dequantize.QK, 20),
    Q8_0(8, Dequantize.QK, 34),
    Q6_K(14, Dequantize.QK_K, 210),
    BF16(30, 1, 2);

    private final int id;
    private final int blockValues;
    private final int blockBytes;

    GgmlType(int id, int blockValues, int blockBytes) {
        this.id = id;
        this.blockValues = blockValues;
        this.blockBytes = blockBytes;
    }

    /** The type with this GGUF id, or null when the reader does not support it. */
    public static GgmlType byId(int id) {
        for (GgmlType type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        return null;
    }

    /** Names of the supported types, for error messages. */
    public static List<String> supported() {
        return Arrays.stream(values()).map(t -> t.name() + "(" + t.id + ")").toList();
    }

    /** The GGUF id. */
    public int id() {
        return id;
    }

    /** Values per block; a tensor's row length must be a multiple of it. */
    public int blockValues() {
        return blockValues;
    }

    /** Bytes that {@code values} values occupy; {@code values} must be a whole number of blocks. */
    public long byteSize(long values) {
        if (values % blockValues != 0) {
            throw new IllegalArgumentException(
                    values + " values are not a whole number of " + name() + " blocks of " + blockValues);
        }
        return values / blockValues * blockBytes;
    }

    /** Dequantises {@code out.length} values stored from byte 0 of the little-endian {@code src}. */
    public void dequantize(ByteBuffer src, float[] out) {
        if (this == F32) {
            src.duplicate().order(src.order()).asFloatBuffer().get(out);
            return;
        }
        int blocks = out.length / blockValues;
        for (int b = 0; b < blocks; b++) {
            int at = b * blockBytes;
            int outAt = b * blockValues;
            switch (this) {
                case F32 -> throw new AssertionError("handled above");
                case F16 -> out[outAt] = Dequantize.halfToFloat(src.getShort(at));
                case BF16 -> out[outAt] = Dequantize.bf16ToFloat(src.getShort(at));
                case Q4_0 -> Dequantize.q4_0(src, at, out, outAt);
                case Q4_1 -> Dequantize.q4_1(src, at, out, outAt);
                case Q8_0 -> Dequantize.q8_0(src, at, out, outAt);
                case Q6_K -> Dequantize.q6_K(src, at, out, outAt);
            }
        }
    }
}
