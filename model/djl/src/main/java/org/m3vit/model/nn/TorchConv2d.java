package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * A PyTorch-layout Conv2d ({@code weight} (O, C, k, k), {@code bias} (O)): the patch embedding
 * (stride = kernel, no padding) or a "same" k x k conv (1x1 included). It runs libtorch's
 * convolution (oneDNN) when libtorch 2.7 would pick oneDNN for it (batch > 1 or more than
 * {@value #ONEDNN_MIN_VALUES} input values per image), in training and inference alike; smaller
 * ones, whose libtorch dispatch falls through to an NNPACK check that logs a warning on every
 * call on CPUs NNPACK does not recognise, are a patchify + one matrix product, or k² shifted
 * matrix products (one product for 1x1). Every path is exact and differentiable.
 */
public final class TorchConv2d extends AbstractBlock {

    /** libtorch 2.7 CPU: a float conv with batch 1 and a 3x3 kernel uses oneDNN above this many input values. */
    static final long ONEDNN_MIN_VALUES = 20480;

    private final int kernel;
    private final int stride;
    private final int padding;
    private final int outChannels;
    private final Parameter weight;
    private final Parameter bias;

    /** Conv2d(in, out, kernel, stride, padding); supported: stride = kernel with padding 0, or stride 1 with padding (kernel - 1) / 2. */
    public TorchConv2d(int in, int out, int kernel, int stride, int padding) {
        boolean patchify = stride == kernel && padding == 0;
        boolean same = stride == 1 && kernel % 2 == 1 && padding == (kernel - 1) / 2;
        if (!patchify && !same) {
            throw new IllegalArgumentException("unsupported conv: kernel " + kernel + ", stride " + stride + ", padding " + padding);
        }
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.outChannels = out;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in, kernel, kernel)).optInitializer(Initializer.ZEROS).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(out)).optInitializer(Initializer.ZEROS).build());
    }

    /** (B, C, H, W) -> (B, O, H', W'). */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        Shape s = x.getShape();
        long b = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
        NDManager scope = x.getManager();
        NDArray wt = ps.getValue(weight, x.getDevice(), training);
        NDArray bias1 = ps.getValue(bias, x.getDevice(), training);
        if (b > 1 || c * h * w > ONEDNN_MIN_VALUES) {
            return x.getNDArrayInternal().convolution(x, wt, bias1, new Shape(stride, stride), new Shape(padding, padding),
                    new Shape(1, 1), 1).singletonOrThrow();
        }
        NDArray bs = bias1.reshape(outChannels, 1);
        bs.attach(scope);
        if (stride == kernel && padding == 0) {
            long gh = h / kernel, gw = w / kernel;
            NDArray cols = x.reshape(b, c, gh, kernel, gw, kernel).transpose(0, 2, 4, 1, 3, 5)
                    .reshape(b, gh * gw, c * kernel * kernel);
            NDArray w2 = wt.reshape(outChannels, c * kernel * kernel);
            w2.attach(scope);
            // (B, N, CKK) x (CKK, O) -> (B, N, O) -> (B, O, gh, gw)
            return cols.matMul(w2.transpose()).transpose(0, 2, 1).add(bs).reshape(b, outChannels, gh, gw);
        }
        return shiftedProducts(x, wt, bs, scope);
    }

    /** The conv as k² matrix products of the weight's (O, C) slices with shifted views of the padded input. */
    private NDArray shiftedProducts(NDArray x, NDArray wt, NDArray bs, NDManager scope) {
        Shape s = x.getShape();
        long b = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
        if (kernel == 1) {
            NDArray w2 = wt.reshape(outChannels, c);
            w2.attach(scope);
            return w2.matMul(x.reshape(b, c, h * w)).add(bs).reshape(b, outChannels, h, w);
        }
        NDArray padded = pad(x, padding);
        NDArray out = null;
        for (int ky = 0; ky < kernel; ky++) {
            for (int kx = 0; kx < kernel; kx++) {
                NDArray wk = wt.get(new NDIndex(":, :, {}, {}", ky, kx));
                wk.attach(scope);
                NDArray shifted = padded.get(new NDIndex(":, :, {}:{}, {}:{}", ky, ky + h, kx, kx + w));
                NDArray term = wk.matMul(shifted.reshape(b, c, h * w));
                out = out == null ? term : out.add(term);
            }
        }
        return out.add(bs).reshape(b, outChannels, h, w);
    }

    private static NDArray pad(NDArray x, int p) {
        Shape s = x.getShape();
        NDManager m = x.getManager();
        NDArray rows = m.zeros(new Shape(s.get(0), s.get(1), p, s.get(3)));
        NDArray y = NDArrays.concat(new NDList(rows, x, rows), 2);
        NDArray cols = m.zeros(new Shape(s.get(0), s.get(1), s.get(2) + 2L * p, p));
        return NDArrays.concat(new NDList(cols, y, cols), 3);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = Shapes.requireDims(Shapes.first(inputShapes, "conv"), 4, "conv");
        long h = (in.get(2) + 2L * padding - kernel) / stride + 1;
        long w = (in.get(3) + 2L * padding - kernel) / stride + 1;
        return new Shape[] {new Shape(in.get(0), outChannels, h, w)};
    }
}
