package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A pre-norm ViT block: x + attn(norm1(x)), then + mlp(norm2(x)) with a dense MLP or a MoE layer. */
public final class TransformerBlock extends AbstractBlock {

    /** LayerNorm epsilon of the published ViT. */
    public static final float LN_EPS = 1e-6f;

    private final LayerNorm norm1;
    private final Attention attn;
    private final LayerNorm norm2;
    private final TokenMlp mlp;

    /** A block with the given MLP ({@link DenseMlp} or {@link MoeLayer}). */
    public TransformerBlock(int dim, int heads, TokenMlp mlp) {
        norm1 = addChildBlock("norm1", layerNorm());
        attn = addChildBlock("attn", new Attention(dim, heads));
        norm2 = addChildBlock("norm2", layerNorm());
        this.mlp = addChildBlock("mlp", mlp);
    }

    /** A LayerNorm over the last axis of (B, N, D) with the published epsilon. */
    static LayerNorm layerNorm() {
        return LayerNorm.builder().axis(2).optEpsilon(LN_EPS).build();
    }

    /** The block's MLP. */
    public TokenMlp mlp() { return mlp; }

    /** (B, N, D) -> (B, N, D). */
    public NDArray forward(ParameterStore ps, NDArray x, PassContext ctx) {
        boolean tr = ctx.training();
        NDArray a = attn.forward(ps, norm1.forward(ps, new NDList(x), tr).singletonOrThrow(), tr);
        NDArray y = x.add(a);
        NDArray m = mlp.forward(ps, norm2.forward(ps, new NDList(y), tr).singletonOrThrow(), ctx);
        return y.add(m);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.head(), PassContext.from(params, training)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Shapes.first(inputShapes, "block")};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = Shapes.requireDims(Shapes.first(inputShapes, "block"), 3, "block");
        norm1.initialize(manager, dataType, in);
        attn.initialize(manager, dataType, in);
        norm2.initialize(manager, dataType, in);
        mlp.initialize(manager, dataType, in);
    }
}
