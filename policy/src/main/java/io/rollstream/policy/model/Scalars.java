package io.rollstream.policy.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant, for tensors that autograd records. DJL's {@code x.mul(Number)} wraps the number in
 * a tensor over a Java direct buffer and closes it as soon as the product is made; autograd keeps that tensor to
 * compute the gradient later, and once the garbage collector frees the buffer the backward pass reads whatever
 * the memory then holds. So a training step came out differently under memory pressure: the same seed trained a
 * different model. Here the constant is a tensor libtorch allocated itself, owned by {@code x}'s manager, which
 * stays valid for as long as autograd holds it. Only operations whose backward pass reads the constant need this
 * (products, quotients, minimum and maximum); sums and differences do not.
 */
public final class Scalars {

    private Scalars() {
    }

    /** {@code x * c}. */
    public static NDArray mul(NDArray x, double c) {
        return x.mul(of(x, c));
    }

    /** {@code x / c}. */
    public static NDArray div(NDArray x, double c) {
        return x.div(of(x, c));
    }

    /** Element-wise {@code min(x, c)}. */
    public static NDArray minimum(NDArray x, double c) {
        return x.minimum(of(x, c));
    }

    /** Element-wise {@code max(x, c)}. */
    public static NDArray maximum(NDArray x, double c) {
        return x.maximum(of(x, c));
    }

    /** {@code c} as a scalar tensor of {@code like}'s type, allocated by libtorch and owned by its manager. */
    public static NDArray of(NDArray like, double c) {
        return like.getManager().full(new Shape(), (float) c, like.getDataType());
    }
}
