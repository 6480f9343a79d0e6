package org.m3vit.model.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** libtorch's bilinear x2 (align_corners = false) against the interpolation matrices, forward and backward. */
class Upsample2xTest {

    @Test
    void nativeUpsamplingEqualsTheInterpolationMatricesForwardAndBackward() {
        int b = 2, c = 3, h = 5, w = 7;
        Random rng = new Random(3);
        float[] in = new float[b * c * h * w];
        float[] r = new float[b * c * 4 * h * w];
        for (int i = 0; i < in.length; i++) in[i] = (float) rng.nextGaussian();
        for (int i = 0; i < r.length; i++) r[i] = (float) rng.nextGaussian();
        float[] my = Upsample2x.matrix(h, 2 * h), mx = Upsample2x.matrix(w, 2 * w);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(in, new Shape(b, c, h, w)).duplicate();
            x.setRequiresGradient(true);
            NDArray rr = m.create(r, new Shape(b, c, 2 * h, 2 * w)).duplicate();
            float[] y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = Upsample2x.apply(x);
                assertThat(out.getShape()).isEqualTo(new Shape(b, c, 2 * h, 2 * w));
                y = out.toFloatArray();
                gc.backward(out.mul(rr).sum());
            }
            float[] grad = x.getGradient().toFloatArray();
            double[] expectGrad = new double[in.length];
            for (int p = 0; p < b * c; p++) {
                for (int oy = 0; oy < 2 * h; oy++) {
                    for (int ox = 0; ox < 2 * w; ox++) {
                        double acc = 0;
                        int o = (p * 2 * h + oy) * 2 * w + ox;
                        for (int iy = 0; iy < h; iy++) {
                            for (int ix = 0; ix < w; ix++) {
                                double k = my[oy * h + iy] * mx[ox * w + ix];
                                acc += k * in[(p * h + iy) * w + ix];
                                expectGrad[(p * h + iy) * w + ix] += k * r[o];
                            }
                        }
                        assertThat((double) y[o]).as("output %d", o).isCloseTo(acc, offset(1e-5));
                    }
                }
            }
            for (int i = 0; i < in.length; i++) assertThat((double) grad[i]).as("gradient %d", i).isCloseTo(expectGrad[i], offset(1e-4));
        }
    }
}
