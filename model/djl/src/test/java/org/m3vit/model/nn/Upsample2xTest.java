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

/** Bilinear x2 (align_corners = false) as interpolation-matrix products against the hand-computed sums, forward and backward. */
class Upsample2xTest {

    @Test
    void equalsHandComputedBilinearForwardAndBackwardWithSharedMatrices() {
        int b = 2, c = 3, h = 5, w = 7;
        Random rng = new Random(3);
        float[] in = new float[b * c * h * w];
        float[] r = new float[b * c * 4 * h * w];
        for (int i = 0; i < in.length; i++) in[i] = (float) rng.nextGaussian();
        for (int i = 0; i < r.length; i++) r[i] = (float) rng.nextGaussian();
        try (NDManager m = NDManager.newBaseManager()) {
            Upsample2x upsample = new Upsample2x(m);
            // twice with the same up-sampler: the second pass reuses its cached matrices in a new graph
            for (int pass = 0; pass < 2; pass++) check(m, upsample, in, r, b, c, h, w);
        }
    }

    @Test
    void withoutAutogradLibtorchsKernelGivesTheProductsOutputBitForBit() {
        try (NDManager m = NDManager.newBaseManager()) {
            Upsample2x upsample = new Upsample2x(m);
            NDArray x = m.randomNormal(new Shape(1, 14, 8, 10));
            float[] products = upsample.apply(x).toFloatArray();   // grad mode on: the two products
            float[][] kernel = new float[1][];
            org.m3vit.model.GradModeOff.run(() -> kernel[0] = upsample.apply(x).toFloatArray());
            assertThat(kernel[0]).containsExactly(products);
            float[] my = Upsample2x.matrix(8, 16), mx = Upsample2x.matrix(10, 20), in = x.toFloatArray();
            double corner = 0; // output (channel 13, row 15, column 19) by hand from the matrices
            for (int iy = 0; iy < 8; iy++) for (int ix = 0; ix < 10; ix++) corner += my[15 * 8 + iy] * mx[19 * 10 + ix] * in[(13 * 8 + iy) * 10 + ix];
            assertThat((double) kernel[0][(13 * 16 + 15) * 20 + 19]).isCloseTo(corner, offset(1e-5));
        }
    }

    private static void check(NDManager m, Upsample2x upsample, float[] in, float[] r, int b, int c, int h, int w) {
        float[] my = Upsample2x.matrix(h, 2 * h), mx = Upsample2x.matrix(w, 2 * w);
        try (NDManager scope = m.newSubManager()) {
            NDArray x = scope.create(in, new Shape(b, c, h, w)).duplicate();
            x.setRequiresGradient(true);
            NDArray rr = scope.create(r, new Shape(b, c, 2 * h, 2 * w)).duplicate();
            float[] y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = upsample.apply(x);
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
