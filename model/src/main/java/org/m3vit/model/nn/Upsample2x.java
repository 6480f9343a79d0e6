package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Bilinear x2 up-sampling with align_corners = false (PyTorch's F.interpolate semantics),
 * written as two interpolation-matrix products: exact, differentiable and engine independent.
 */
public final class Upsample2x {

    private Upsample2x() { }

    /** (..., H, W) -> (..., 2H, 2W). */
    public static NDArray apply(NDArray x) {
        Shape s = x.getShape();
        int h = (int) s.get(s.dimension() - 2);
        int w = (int) s.get(s.dimension() - 1);
        NDManager scope = x.getManager();
        NDArray rows = scope.create(matrix(h, 2 * h), new Shape(2L * h, h));
        NDArray colsT = scope.create(transpose(matrix(w, 2 * w), 2 * w, w), new Shape(w, 2L * w));
        return rows.matMul(x.matMul(colsT));
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
