package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention of the published ViT: {@code qkv} Linear(D, 3D) split as
 * (3, heads, head_dim), softmax(q k^T * head_dim^-0.5) v, then {@code proj} Linear(D, D).
 */
public final class Attention extends AbstractBlock {

    private final int heads;
    private final Linear qkv;
    private final Linear proj;

    /** Attention over {@code dim} channels in {@code heads} heads. */
    public Attention(int dim, int heads) {
        this.heads = heads;
        qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * dim).build());
        proj = addChildBlock("proj", Linear.builder().setUnits(dim).build());
    }

    /** (B, N, D) -> (B, N, D). */
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        Shape s = x.getShape();
        long b = s.get(0), n = s.get(1), d = s.get(2), hd = d / heads;
        NDArray packed = RowLinear.apply(qkv, ps, x.reshape(b * n, d), training)
                .reshape(b, n, 3, heads, hd).transpose(2, 0, 3, 1, 4);
        NDArray q = packed.get(0);
        NDArray k = packed.get(1);
        NDArray v = packed.get(2);
        NDArray scores = Scalar.mul(q, Math.pow(hd, -0.5)).matMul(k.transpose(0, 1, 3, 2));
        NDArray mixed = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(b * n, d);
        return RowLinear.apply(proj, ps, mixed, training).reshape(b, n, d);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Shapes.first(inputShapes, "attn")};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = Shapes.requireDims(Shapes.first(inputShapes, "attn"), 3, "attn");
        qkv.initialize(manager, dataType, in);
        proj.initialize(manager, dataType, in);
    }
}
