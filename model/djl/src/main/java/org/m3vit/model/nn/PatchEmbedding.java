package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Patch embedding: Conv2d(3, D, p, stride p) as {@code proj}, then the patches flattened
 * row-major into tokens, (B, 3, H, W) -> (B, H/p * W/p, D).
 */
public final class PatchEmbedding extends AbstractBlock {

    private final TorchConv2d proj;

    /** Embeds p x p patches into {@code dim} channels. */
    public PatchEmbedding(int patch, int dim) {
        proj = addChildBlock("proj", new TorchConv2d(3, dim, patch, patch, 0));
    }

    /** Tokens of a batch of images. */
    public NDArray forward(ParameterStore ps, NDArray images, boolean training) {
        NDArray maps = proj.forward(ps, images, training);
        Shape s = maps.getShape();
        return maps.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] maps = proj.getOutputShapes(inputShapes);
        Shape m = maps[0];
        return new Shape[] {new Shape(m.get(0), m.get(2) * m.get(3), m.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        proj.initialize(manager, dataType, Shapes.requireDims(Shapes.first(inputShapes, "patch_embed"), 4, "patch_embed"));
    }
}
