package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/** One task's gate of a MoE block: {@code w_gate} (D, E), no bias; softmax over all E experts. */
public final class Gate extends AbstractBlock {

    private final Parameter weight;

    /** A gate from {@code dim} features to {@code experts} probabilities. */
    public Gate(int dim, int experts) {
        weight = addParameter(Parameter.builder().setName("w_gate").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(dim, experts)).optInitializer(Initializer.ZEROS).build());
    }

    /** The (D, E) weight as the pass sees it. */
    public NDArray weight(ParameterStore ps, NDArray like, boolean training) {
        return ps.getValue(weight, like.getDevice(), training);
    }

    /** Softmax probabilities over all experts, (M, D) -> (M, E). */
    public NDArray probabilities(ParameterStore ps, NDArray tokens, boolean training) {
        NDArray w = ps.getValue(weight, tokens.getDevice(), training);
        return tokens.matMul(w).softmax(-1);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(probabilities(ps, inputs.head(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = Shapes.first(inputShapes, "gate");
        return new Shape[] {in.slice(0, in.dimension() - 1).add(weight.getShape().get(1))};
    }
}
