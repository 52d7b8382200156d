package io.rollstream.policy.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class DequantizeTest {

    private static ByteBuffer block(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void shouldDecodeHalfFloatsIncludingSubnormalsAndInfinity() {
        assertEquals(1.0f, Dequantize.halfToFloat((short) 0x3C00));
        assertEquals(-2.0f, Dequantize.halfToFloat((short) 0xC000));
        assertEquals(65504f, Dequantize.halfToFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, Dequantize.halfToFloat((short) 0x0001));
        assertEquals(-0.0f, Dequantize.halfToFloat((short) 0x8000));
        assertEquals(Float.POSITIVE_INFINITY, Dequantize.halfToFloat((short) 0x7C00));
        assertEquals(0.333251953125f, Dequantize.halfToFloat((short) 0x3555));
    }

    @Test
    void shouldDecodeBfloat16AsTheTopHalfOfAFloat() {
        assertEquals(1.0f, Dequantize.bf16ToFloat((short) 0x3F80));
        assertEquals(-3.0f, Dequantize.bf16ToFloat((short) 0xC040));
    }

    @Test
    void shouldScaleSignedBytesInQ8_0() {
        ByteBuffer b = block(34).putShort(0, (short) 0x3400); // d = 0.25
        b.put(2, (byte) -4);
        b.put(2 + 31, (byte) 127);
        float[] out = new float[32];
        Dequantize.q8_0(b, 0, out, 0);
        assertEquals(-1.0f, out[0]);
        assertEquals(0.0f, out[1]);
        assertEquals(31.75f, out[31]);
    }

    @Test
    void shouldPutLowNibblesFirstAndOffsetByEightInQ4_0() {
        ByteBuffer b = block(18).putShort(0, (short) 0x4000); // d = 2
        b.put(2, (byte) 0x8F); // value 0: low nibble 15, value 16: high nibble 8
        for (int j = 1; j < 16; j++) {
            b.put(2 + j, (byte) 0x08); // low 8 -> 0, high 0 -> -16
        }
        float[] out = new float[32];
        Dequantize.q4_0(b, 0, out, 0);
        assertEquals(14f, out[0]);
        assertEquals(0f, out[16]);
        assertEquals(0f, out[1]);
        assertEquals(-16f, out[17]);
    }

    @Test
    void shouldAddTheMinimumInQ4_1() {
        ByteBuffer b = block(20).putShort(0, (short) 0x3800).putShort(2, (short) 0xBC00); // d = 0.5, m = -1
        b.put(4, (byte) 0x21); // value 0: 1, value 16: 2
        b.put(4 + 15, (byte) 0xF0); // value 15: 0, value 31: 15
        float[] out = new float[32];
        Dequantize.q4_1(b, 0, out, 0);
        assertEquals(-0.5f, out[0]);
        assertEquals(0.0f, out[16]);
        assertEquals(-1.0f, out[1]);
        assertEquals(-1.0f, out[15]);
        assertEquals(6.5f, out[31]);
    }

    @Test
    void shouldCombineNibblesHighBitsAndSubBlockScalesInQ6_K() {
        ByteBuffer b = block(210).putShort(208, (short) 0x3C00); // d = 1
        b.put(0, (byte) 0x05); // ql[0]: low nibble 5 (value 0), high nibble 0 (value 64)
        b.put(128, (byte) 0x03); // qh[0]: bits 0-1 = 3 -> value 0 gets 48; other pairs 0
        b.put(192, (byte) 2); // scale of values 0..15
        b.put(192 + 2, (byte) -1); // scale of values 32..47
        b.put(192 + 4, (byte) 1); // scale of values 64..79
        b.put(64, (byte) 0x0F); // second half, ql[0]: value 128 low nibble 15
        b.put(192 + 8, (byte) 3); // scale of values 128..143
        float[] out = new float[256];
        Dequantize.q6_K(b, 0, out, 0);
        assertEquals(2f * (53 - 32), out[0]);
        assertEquals(-1f * (0 - 32), out[32]);
        assertEquals(1f * (0 - 32), out[64]);
        assertEquals(3f * (15 - 32), out[128]);
        assertEquals(0f, out[16], 0f); // scale index 1 is 0
    }

    @Test
    void shouldDequantiseWholeTensorsBlockByBlock() {
        ByteBuffer b = block(40);
        b.putShort(0, (short) 0x3C00).putShort(2, (short) 0); // block 0: d = 1, m = 0
        b.putShort(20, (short) 0x4000).putShort(22, (short) 0x3C00); // block 1: d = 2, m = 1
        b.put(24, (byte) 0x03);
        float[] out = new float[64];
        GgmlType.Q4_1.dequantize(b, out);
        assertEquals(0f, out[0]);
        assertEquals(7f, out[32]);
        assertEquals(1f, out[48]);
        assertEquals(40, GgmlType.Q4_1.byteSize(64));
    }
}
