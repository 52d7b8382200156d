package io.rollstream.policy.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense fp32 tensor on the host in row-major order, as PyTorch and safetensors lay it out: the last dimension
 * varies fastest.
 */
public record Tensor(long[] shape, float[] values) {

    public Tensor {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        if (elements(shape) != values.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + elements(shape) + " values, got " + values.length);
        }
    }

    /** Number of values a tensor of this shape holds. */
    public static long elements(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }
}
