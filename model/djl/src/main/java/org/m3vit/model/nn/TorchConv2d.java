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
 * (stride = kernel, no padding) or a "same" k x k conv (1x1 included), run by libtorch's
 * convolution as PyTorch eager runs it, except for single images (batch 1, inference and the
 * window): the patch embedding is a patchify and one matrix product (oneDNN reorders its weight on
 * every call; the product measured 3.6% faster per bundled-model pass); a small image (at most
 * {@value #ONEDNN_MIN_VALUES} input values), which libtorch 2.7 gives to its slow im2col conv or to an
 * NNPACK check that prints a warning on every call on CPUs NNPACK does not support, is for a k x k
 * conv widened with zero columns until oneDNN takes it (2.6% faster per pass), and for a 1x1 conv one
 * matrix product where {@link NnpackProbe} finds NNPACK unavailable. Every path is exact and
 * differentiable.
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
        return forward(ps, x, training, NnpackProbe.available());
    }

    /** As {@link #forward(ParameterStore, NDArray, boolean)}; {@code libtorchForSmall}: libtorch's conv for a small single image's 1x1 conv too. */
    NDArray forward(ParameterStore ps, NDArray x, boolean training, boolean libtorchForSmall) {
        NDArray[] wb = weightAndBias(ps, x, training);
        return apply(x, wb[0], wb[1], libtorchForSmall);
    }

    /** This conv's weight and bias as the pass sees them (for folding them with a following BatchNorm). */
    NDArray[] weightAndBias(ParameterStore ps, NDArray x, boolean training) {
        return new NDArray[] {ps.getValue(weight, x.getDevice(), training), ps.getValue(bias, x.getDevice(), training)};
    }

    /** This conv's geometry with another weight (O, C, k, k) and bias (O), by the same path as its own forward. */
    NDArray forwardWith(NDArray x, NDArray wt, NDArray bias1) {
        return apply(x, wt, bias1, NnpackProbe.available());
    }

    private NDArray apply(NDArray x, NDArray wt, NDArray bias1, boolean libtorchForSmall) {
        Shape s = x.getShape();
        long b = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
        boolean patchEmbedding = stride == kernel && padding == 0 && kernel > 1;
        if (b > 1) return native2d(x, wt, bias1);
        if (patchEmbedding) return patchify(x, wt, bias1);
        if (c * h * w > ONEDNN_MIN_VALUES) return native2d(x, wt, bias1);
        if (kernel == 1) return libtorchForSmall ? native2d(x, wt, bias1) : pointwise(x, wt, bias1);
        return widenedToOneDnn(x, wt, bias1);
    }

    private NDArray native2d(NDArray x, NDArray wt, NDArray bias1) {
        return x.getNDArrayInternal().convolution(x, wt, bias1, new Shape(stride, stride), new Shape(padding, padding),
                new Shape(1, 1), 1).singletonOrThrow();
    }

    /**
     * A "same" k x k conv of one small image through oneDNN: zero columns appended on the right
     * until the input is above {@value #ONEDNN_MIN_VALUES} values, then the first W output columns.
     * Exact: the appended columns are zeros where the conv's own padding would read zeros.
     */
    private NDArray widenedToOneDnn(NDArray x, NDArray wt, NDArray bias1) {
        Shape s = x.getShape();
        long c = s.get(1), h = s.get(2), w = s.get(3);
        long widened = Math.max(w + padding, ONEDNN_MIN_VALUES / (c * h) + 1);
        try (NDArray zeros = x.getManager().zeros(new Shape(1, c, h, widened - w));
             NDArray wide = NDArrays.concat(new NDList(x, zeros), 3);
             NDArray full = native2d(wide, wt, bias1)) {
            return full.get(new NDIndex(":, :, :, 0:{}", w));
        }
    }

    /** A 1x1 conv of one image as one (O, C) x (C, HW) product (libtorch's 1x1 path at one thread would check NNPACK). */
    private NDArray pointwise(NDArray x, NDArray wt, NDArray bias1) {
        Shape s = x.getShape();
        long c = s.get(1), h = s.get(2), w = s.get(3);
        try (NDArray w2 = wt.reshape(outChannels, c); NDArray bs = bias1.reshape(outChannels, 1);
             NDArray flat = x.reshape(c, h * w); NDArray product = w2.matMul(flat); NDArray biased = product.add(bs)) {
            return biased.reshape(1, outChannels, h, w);
        }
    }

    /** The patch embedding of one image as a patchify and one matrix product. */
    private NDArray patchify(NDArray x, NDArray wt, NDArray bias1) {
        Shape s = x.getShape();
        long b = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
        long gh = h / kernel, gw = w / kernel;
        try (NDArray w2 = wt.reshape(outChannels, c * kernel * kernel); NDArray w2t = w2.transpose(); NDArray bs = bias1.reshape(outChannels, 1);
             NDArray cols = x.reshape(b, c, gh, kernel, gw, kernel).transpose(0, 2, 4, 1, 3, 5).reshape(b, gh * gw, c * kernel * kernel);
             NDArray product = cols.matMul(w2t); NDArray channelsFirst = product.transpose(0, 2, 1)) {
            // (B, N, CKK) x (CKK, O) -> (B, N, O) -> (B, O, gh, gw)
            return channelsFirst.add(bs).reshape(b, outChannels, gh, gw);
        }
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
