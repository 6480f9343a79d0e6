package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** The E experts of a MoE block, each {@code htoh4} Linear(D, Dh), exact GELU, {@code h4toh} Linear(Dh, D), stored stacked. */
public final class ExpertBank extends AbstractBlock {

    private final int experts;
    private final StackedLinear htoh4;
    private final StackedLinear h4toh;

    /** E experts D -> Dh -> D. */
    public ExpertBank(int experts, int dim, int hidden) {
        this.experts = experts;
        htoh4 = addChildBlock("htoh4", new StackedLinear(experts, dim, hidden));
        h4toh = addChildBlock("h4toh", new StackedLinear(experts, hidden, dim));
    }

    /** The stacked first linears (D -> Dh). */
    public StackedLinear htoh4() { return htoh4; }

    /** The stacked second linears (Dh -> D). */
    public StackedLinear h4toh() { return h4toh; }

    /** Number of experts E. */
    public int size() { return experts; }

    /** Expert {@code expert} on its token group, (n, D) -> (n, D). */
    public NDArray apply(ParameterStore ps, NDArray tokens, int expert, boolean training) {
        NDArray h = Activation.gelu(htoh4.apply(ps, tokens, expert, training));
        return h4toh.apply(ps, h, expert, training);
    }

    /** Inputs: tokens (n, D) and the expert id as a scalar integer array. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1).toType(DataType.INT32, false).getInt(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Shapes.first(inputShapes, "experts")};
    }

    @Override
    protected void initializeChildBlocks(ai.djl.ndarray.NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = Shapes.first(inputShapes, "experts");
        htoh4.initialize(manager, dataType, in);
        h4toh.initialize(manager, dataType, htoh4.getOutputShapes(new Shape[] {in})[0]);
    }
}
