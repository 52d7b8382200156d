package io.rollstream.policy.checkpoint;

import java.nio.ByteBuffer;

/**
 * Block dequantisation of ggml's storage types to fp32, one block per call, following the layouts of llama.cpp's
 * ggml-quants: a block holds its scale (and minimum) as IEEE half floats followed by packed integers. Buffers
 * must be little-endian; {@code at} is the byte offset of the block.
 */
public final class Dequantize {

    /** Values per block of the 4- and 8-bit legacy types. */
    public static final int QK = 32;
    /** Values per super-block of the k-quant types. */
    public static final int QK_K = 256;

    private Dequantize() {}

    /** IEEE 754 binary16 bits to float, including subnormals, infinities and NaN. */
    public static float halfToFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h >>> 15) << 31;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f; // subnormal (or zero): mantissa * 2^-24
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** bfloat16 bits (the top half of a float32) to float. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Q8_0: half scale d, then 32 signed bytes q; x = d * q. 34 bytes. */
    public static void q8_0(ByteBuffer src, int at, float[] out, int outAt) {
        float d = halfToFloat(src.getShort(at));
        for (int j = 0; j < QK; j++) {
            out[outAt + j] = d * src.get(at + 2 + j);
        }
    }

    /**
     * Q4_0: half scale d, then 16 bytes; value j (j < 16) is the low nibble of byte j, value j + 16 its high
     * nibble, both offset by -8: x = d * (q - 8). 18 bytes.
     */
    public static void q4_0(ByteBuffer src, int at, float[] out, int outAt) {
        float d = halfToFloat(src.getShort(at));
        for (int j = 0; j < QK / 2; j++) {
            int packed = src.get(at + 2 + j) & 0xFF;
            out[outAt + j] = d * ((packed & 0x0F) - 8);
            out[outAt + j + QK / 2] = d * ((packed >>> 4) - 8);
        }
    }

    /** Q4_1: half scale d and half minimum m, then nibbles as in Q4_0 without offset: x = d * q + m. 20 bytes. */
    public static void q4_1(ByteBuffer src, int at, float[] out, int outAt) {
        float d = halfToFloat(src.getShort(at));
        float m = halfToFloat(src.getShort(at + 2));
        for (int j = 0; j < QK / 2; j++) {
            int packed = src.get(at + 4 + j) & 0xFF;
            out[outAt + j] = d * (packed & 0x0F) + m;
            out[outAt + j + QK / 2] = d * (packed >>> 4) + m;
        }
    }

    /**
     * Q6_K: 256 values as 128 bytes of low nibbles (ql), 64 bytes of high 2-bit pairs (qh), 16 signed 8-bit
     * sub-block scales and a half super-scale d; x = d * scale[sub-block of 16] * (q - 32). 210 bytes. Each half
     * of 128 values takes 64 ql bytes, 32 qh bytes and 8 scales: for l in [0, 32) its four quarters read
     * ql[l] low, ql[l + 32] low, ql[l] high and ql[l + 32] high nibbles, with bit pairs 0, 2, 4 and 6 of qh[l].
     */
    public static void q6_K(ByteBuffer src, int at, float[] out, int outAt) {
        int ql = at;
        int qh = at + 128;
        int scales = at + 192;
        float d = halfToFloat(src.getShort(at + 208));
        for (int half = 0; half < 2; half++) {
            int y = outAt + half * 128;
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int low = src.get(ql + l) & 0xFF;
                int lowFar = src.get(ql + l + 32) & 0xFF;
                int high = src.get(qh + l) & 0xFF;
                int q1 = ((low & 0x0F) | ((high & 3) << 4)) - 32;
                int q2 = ((lowFar & 0x0F) | (((high >>> 2) & 3) << 4)) - 32;
                int q3 = ((low >>> 4) | (((high >>> 4) & 3) << 4)) - 32;
                int q4 = ((lowFar >>> 4) | (((high >>> 6) & 3) << 4)) - 32;
                out[y + l] = d * src.get(scales + is) * q1;
                out[y + l + 32] = d * src.get(scales + is + 2) * q2;
                out[y + l + 64] = d * src.get(scales + is + 4) * q3;
                out[y + l + 96] = d * src.get(scales + is + 6) * q4;
            }
            ql += 64;
            qh += 32;
            scales += 8;
        }
    }
}
