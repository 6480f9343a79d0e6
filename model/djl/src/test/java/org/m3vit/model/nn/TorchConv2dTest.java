package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The paths of a "same" conv agree with libtorch's batched conv and hand-computed sums: a small single image widened to oneDNN or as one product (1x1), or libtorch's own. */
class TorchConv2dTest {

    @Test
    void widenedSingleImageEqualsLibtorchConvolution() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TorchConv2d conv = new TorchConv2d(6, 5, 3, 1, 1);
            conv.setInitializer(new NormalInitializer(0.3f), p -> true);
            conv.initialize(manager, DataType.FLOAT32, new Shape(1, 6, 7, 9));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(1, 6, 7, 9));
            assertThat(6 * 7 * 9).isLessThan((int) TorchConv2d.ONEDNN_MIN_VALUES);
            float[] single = conv.forward(ps, x, false, false).toFloatArray();                 // widened with zero columns
            float[] libtorch = conv.forward(ps, x, false, true).toFloatArray();                // libtorch's own small conv
            float[] batched = conv.forward(ps, NDArrays.concat(new NDList(x, x), 0), false).toFloatArray(); // libtorch
            assertThat(batched).hasSize(2 * single.length);
            double max = 0;
            for (int i = 0; i < single.length; i++) {
                max = Math.max(max, Math.abs(single[i]));
                assertThat((double) single[i]).isCloseTo(batched[i], offset(1e-5));
                assertThat((double) single[i]).isCloseTo(batched[single.length + i], offset(1e-5));
                assertThat((double) libtorch[i]).isCloseTo(batched[i], offset(1e-5));
            }
            assertThat(max).isGreaterThan(0.1);
            // a hand-computed corner: output (o=0, y=0, x=0) sees input rows 0..1, columns 0..1 through kernel taps 1..2
            float[] w = conv.getParameters().get("weight").getArray().toFloatArray();
            float[] in = x.toFloatArray();
            double acc = conv.getParameters().get("bias").getArray().getFloat(0);
            for (int c = 0; c < 6; c++) for (int ky = 1; ky < 3; ky++) for (int kx = 1; kx < 3; kx++)
                acc += w[(c * 3 + ky) * 3 + kx] * in[(c * 7 + ky - 1) * 9 + kx - 1];
            assertThat((double) single[0]).isCloseTo(acc, offset(1e-5));
            // the opposite corner (y=6, x=8): its right neighbours are the appended zero columns, which must read as padding
            double edge = conv.getParameters().get("bias").getArray().getFloat(0);
            for (int c = 0; c < 6; c++) for (int ky = 0; ky < 2; ky++) for (int kx = 0; kx < 2; kx++)
                edge += w[(c * 3 + ky) * 3 + kx] * in[(c * 7 + 5 + ky) * 9 + 7 + kx];
            assertThat((double) single[7 * 9 - 1]).isCloseTo(edge, offset(1e-5));
        }
    }

    @Test
    void pointwiseSingleImageEqualsLibtorchConvolution() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TorchConv2d conv = new TorchConv2d(6, 4, 1, 1, 0);
            conv.setInitializer(new NormalInitializer(0.3f), p -> true);
            conv.initialize(manager, DataType.FLOAT32, new Shape(1, 6, 5, 7));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(1, 6, 5, 7));
            float[] single = conv.forward(ps, x, false, false).toFloatArray();
            float[] libtorch = conv.forward(ps, x, false, true).toFloatArray();
            float[] batched = conv.forward(ps, NDArrays.concat(new NDList(x, x), 0), false).toFloatArray();
            float[] w = conv.getParameters().get("weight").getArray().toFloatArray();
            float[] in = x.toFloatArray();
            float[] b = conv.getParameters().get("bias").getArray().toFloatArray();
            for (int o = 0; o < 4; o++) {
                for (int p = 0; p < 35; p++) {
                    double acc = b[o];
                    for (int c = 0; c < 6; c++) acc += w[o * 6 + c] * in[c * 35 + p];
                    assertThat((double) single[o * 35 + p]).isCloseTo(acc, offset(1e-5));
                    assertThat((double) batched[o * 35 + p]).isCloseTo(acc, offset(1e-5));
                    assertThat((double) libtorch[o * 35 + p]).isCloseTo(acc, offset(1e-5));
                }
            }
        }
    }

    @Test
    void patchEmbeddingOfOneImageEqualsLibtorchConvolution() {
        try (NDManager manager = NDManager.newBaseManager()) {
            TorchConv2d conv = new TorchConv2d(3, 8, 4, 4, 0);
            conv.setInitializer(new NormalInitializer(0.3f), p -> true);
            conv.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 8, 12));
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(1, 3, 8, 12));
            float[] single = conv.forward(ps, x, false).toFloatArray();                        // patchify and one product
            float[] batched = conv.forward(ps, NDArrays.concat(new NDList(x, x), 0), false).toFloatArray(); // libtorch
            assertThat(single).hasSize(8 * 2 * 3);
            float[] w = conv.getParameters().get("weight").getArray().toFloatArray();
            float[] in = x.toFloatArray();
            float[] b = conv.getParameters().get("bias").getArray().toFloatArray();
            for (int o = 0; o < 8; o++) {
                for (int gy = 0; gy < 2; gy++) {
                    for (int gx = 0; gx < 3; gx++) {
                        double acc = b[o];
                        for (int c = 0; c < 3; c++) for (int ky = 0; ky < 4; ky++) for (int kx = 0; kx < 4; kx++)
                            acc += w[((o * 3 + c) * 4 + ky) * 4 + kx] * in[(c * 8 + gy * 4 + ky) * 12 + gx * 4 + kx];
                        int i = (o * 2 + gy) * 3 + gx;
                        assertThat((double) single[i]).isCloseTo(acc, offset(1e-5));
                        assertThat((double) batched[i]).isCloseTo(acc, offset(1e-5));
                        assertThat((double) batched[single.length + i]).isCloseTo(acc, offset(1e-5));
                    }
                }
            }
        }
    }
}
