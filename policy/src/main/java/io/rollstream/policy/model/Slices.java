package io.rollstream.policy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Ranges along one dimension in one libtorch call each. DJL's {@code NDIndex} path slices every dimension the
 * index names, even a full {@code :}, so {@code get(":, :, :n")} costs three native slices and
 * {@code set(":, :, a:b", v)} three slices and a copy; the decoding loop runs these per layer per token.
 */
public final class Slices {

    private Slices() {}

    /** The view {@code [start, stop)} of {@code array} along {@code dim}, owned by {@code owner}. */
    public static NDArray range(NDArray array, int dim, long start, long stop, NDManager owner) {
        NDArray view = JniUtils.slice(pt(array), dim, start, stop, 1);
        view.attach(owner);
        return view;
    }

    /**
     * Copies {@code value} into {@code target} at {@code [start, start + value's length)} along {@code dim},
     * in place; the other dimensions are taken whole, which libtorch does without slicing them.
     */
    public static void write(NDArray target, int dim, long start, NDArray value) {
        long[] shape = target.getShape().getShape();
        long[] from = new long[dim + 1];
        long[] to = new long[dim + 1];
        long[] step = new long[dim + 1];
        for (int i = 0; i < dim; i++) {
            to[i] = shape[i];
            step[i] = 1;
        }
        from[dim] = start;
        to[dim] = start + value.getShape().get(dim);
        step[dim] = 1;
        JniUtils.indexSet(pt(target), pt(value), from, to, step);
    }

    private static PtNDArray pt(NDArray array) {
        if (array instanceof PtNDArray torch) {
            return torch;
        }
        throw new IllegalArgumentException("expected a PyTorch array, got " + array.getClass().getName());
    }
}
