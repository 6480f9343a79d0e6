package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.ArrayList;
import java.util.List;

/**
 * A task head of the published code (VisionTransformerUpHead, 4 convs): drop cls, LayerNorm
 * {@code norm}, tokens to a (B, D, h, w) map; {@code conv_0..2} 3x3 + BatchNorm
 * {@code syncbn_fc_k} + ReLU + bilinear x2; {@code conv_3} 3x3 + BN + ReLU; {@code conv_4}
 * 1x1 to the task's outputs; bilinear x2. Output (B, outputs, 16h, 16w) for patch 16.
 */
public final class UpHead extends AbstractBlock {

    /** BatchNorm epsilon of the published head. */
    public static final float BN_EPS = 1e-5f;

    private final int gridHeight;
    private final int gridWidth;
    private final int channels;
    private final int outputs;
    private final LayerNorm norm;
    private final List<TorchConv2d> convs = new ArrayList<>();
    private final List<BatchNorm> norms = new ArrayList<>();

    /** A head on an h x w grid of {@code dim}-wide tokens with C channels and {@code outputs} output channels. */
    public UpHead(int dim, int gridHeight, int gridWidth, int channels, int outputs) {
        this.gridHeight = gridHeight;
        this.gridWidth = gridWidth;
        this.channels = channels;
        this.outputs = outputs;
        norm = addChildBlock("norm", TransformerBlock.layerNorm());
        for (int k = 0; k <= 4; k++) {
            int kernel = k == 4 ? 1 : 3;
            int pad = k == 4 ? 0 : 1;
            int in = k == 0 ? dim : channels;
            convs.add(addChildBlock("conv_" + k, new TorchConv2d(in, k == 4 ? outputs : channels, kernel, 1, pad)));
        }
        for (int k = 0; k <= 3; k++) {
            // DJL's momentum 0.9 is PyTorch's 0.1 (the engine passes 1 - momentum)
            norms.add(addChildBlock("syncbn_fc_" + k, BatchNorm.builder()
                    .optAxis(1).optEpsilon(BN_EPS).optMomentum(0.9f).build()));
        }
    }

    /** Tokens (B, 1 + h*w, D) of the last block -> head output (B, outputs, 16h, 16w). */
    public NDArray forward(ParameterStore ps, NDArray tokens, boolean training) {
        Shape s = tokens.getShape();
        NDArray x = tokens.get(new NDIndex(":, 1:, :"));
        x = norm.forward(ps, new NDList(x), training).singletonOrThrow();
        x = x.transpose(0, 2, 1).reshape(s.get(0), s.get(2), gridHeight, gridWidth);
        for (int k = 0; k <= 3; k++) {
            x = convs.get(k).forward(ps, x, training);
            x = norms.get(k).forward(ps, new NDList(x), training).singletonOrThrow();
            x = Activation.relu(x);
            if (k < 3) x = Upsample2x.apply(x);
        }
        x = convs.get(4).forward(ps, x, training);
        return Upsample2x.apply(x);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = Shapes.first(inputShapes, "head");
        return new Shape[] {new Shape(in.get(0), outputs, 16L * gridHeight, 16L * gridWidth)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = Shapes.requireDims(Shapes.first(inputShapes, "head"), 3, "head");
        long b = in.get(0);
        norm.initialize(manager, dataType, new Shape(b, (long) gridHeight * gridWidth, in.get(2)));
        long h = gridHeight, w = gridWidth;
        Shape x = new Shape(b, in.get(2), h, w);
        for (int k = 0; k <= 4; k++) {
            convs.get(k).initialize(manager, dataType, x);
            Shape y = new Shape(b, k == 4 ? outputs : channels, h, w);
            if (k <= 3) norms.get(k).initialize(manager, dataType, y);
            if (k < 3) { h *= 2; w *= 2; }
            x = new Shape(b, channels, h, w);
        }
    }
}
