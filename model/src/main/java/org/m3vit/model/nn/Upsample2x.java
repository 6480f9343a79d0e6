package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Bilinear x2 up-sampling with align_corners = false (PyTorch's F.interpolate semantics).
 * Along each axis output 2i is 0.25 x[i-1] + 0.75 x[i] and output 2i+1 is 0.75 x[i] + 0.25 x[i+1],
 * with the edges clamped: a few element-wise passes instead of interpolation-matrix products
 * (which cost more MACs than the convolutions around them). {@link #matrix} is the same
 * operator as a matrix, for tests.
 */
public final class Upsample2x {

    private Upsample2x() { }

    /** (..., H, W) -> (..., 2H, 2W). */
    public static NDArray apply(NDArray x) {
        int d = x.getShape().dimension();
        return upsampleAxis(upsampleAxis(x, d - 1), d - 2);
    }

    /** Doubles one axis: neighbours clamped at the edges, then even/odd outputs interleaved. */
    private static NDArray upsampleAxis(NDArray x, int axis) {
        Shape s = x.getShape();
        long n = s.get(axis);
        NDArray prev, next;
        if (n == 1) {
            prev = x;
            next = x;
        } else {
            // split (torch.split) rather than index slicing: no index tensors in the autograd graph
            NDList firstAndRest = x.split(new long[] {1}, axis);
            NDList initAndLast = x.split(new long[] {n - 1}, axis);
            prev = NDArrays.concat(new NDList(firstAndRest.get(0), initAndLast.get(0)), axis);
            next = NDArrays.concat(new NDList(firstAndRest.get(1), initAndLast.get(1)), axis);
        }
        NDArray even = Scalar.mul(prev, 0.25).add(Scalar.mul(x, 0.75));
        NDArray odd = Scalar.mul(x, 0.75).add(Scalar.mul(next, 0.25));
        long[] dims = s.getShape().clone();
        dims[axis] = 2 * n;
        return NDArrays.stack(new NDList(even, odd), axis + 1).reshape(new Shape(dims));
    }

    /**
     * The (out x in) interpolation matrix of one axis: output i samples the input at
     * (i + 0.5) * in / out - 0.5, clamped below at 0, between its two neighbours.
     */
    public static float[] matrix(int in, int out) {
        float[] m = new float[out * in];
        double scale = (double) in / out;
        for (int i = 0; i < out; i++) {
            double src = Math.max(0.0, (i + 0.5) * scale - 0.5);
            int i0 = Math.min((int) Math.floor(src), in - 1);
            int i1 = Math.min(i0 + 1, in - 1);
            double frac = src - i0;
            m[i * in + i0] += (float) (1.0 - frac);
            m[i * in + i1] += (float) frac;
        }
        return m;
    }

    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
        return t;
    }
}
