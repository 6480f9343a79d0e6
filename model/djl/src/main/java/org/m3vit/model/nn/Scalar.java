package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with constants for code that autograd differentiates. DJL's {@code mul(Number)}
 * and friends wrap the constant in a tensor over a Java direct buffer and close it at once; the
 * backward pass of mul/div/maximum still reads that tensor, by then possibly freed by the
 * garbage collector, which turned gradients into NaN at random. These constants are created
 * by libtorch ({@code torch.full}) and live as long as the graph needs them.
 */
public final class Scalar {

    private Scalar() {
    }

    /** A 0-d tensor holding {@code value}, in {@code like}'s manager and data type. */
    public static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }

    /** {@code x * value}. */
    public static NDArray mul(NDArray x, double value) {
        return x.mul(of(x, value));
    }

    /** {@code x / value}. */
    public static NDArray div(NDArray x, double value) {
        return x.div(of(x, value));
    }

    /** {@code x + value}. */
    public static NDArray add(NDArray x, double value) {
        return x.add(of(x, value));
    }

    /** Element-wise {@code max(x, value)}. */
    public static NDArray max(NDArray x, double value) {
        return x.maximum(of(x, value));
    }
}
