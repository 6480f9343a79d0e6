package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

/**
 * E linear layers stored stacked, as the published checkpoint does: {@code weight} (E, out, in)
 * and {@code bias} (E, out). Applying expert e uses its slice only.
 */
public final class StackedLinear extends AbstractBlock {

    private final Parameter weight;
    private final Parameter bias;
    private volatile Slices inference;

    /** E stacked Linear(in, out). */
    public StackedLinear(int experts, int in, int out) {
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(experts, out, in)).optInitializer(Initializer.ZEROS).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(experts, out)).optInitializer(Initializer.ZEROS).build());
    }

    /** The stacked (E, out, in) weight as the pass sees it. */
    public NDArray weight(ParameterStore ps, NDArray like, boolean training) {
        return ps.getValue(weight, like.getDevice(), training);
    }

    /** The stacked (E, out) bias as the pass sees it. */
    public NDArray bias(ParameterStore ps, NDArray like, boolean training) {
        return ps.getValue(bias, like.getDevice(), training);
    }

    /** Expert {@code expert}'s linear on its tokens, (n, in) -> (n, out). */
    public NDArray apply(ParameterStore ps, NDArray x, int expert, boolean training) {
        NDArray w = ps.getValue(weight, x.getDevice(), training).get(expert);
        NDArray b = ps.getValue(bias, x.getDevice(), training).get(expert);
        // slices are created in the parameters' manager: move them to the pass's scope
        w.attach(x.getManager());
        b.attach(x.getManager());
        return Linear.linear(x, w, b).singletonOrThrow();
    }

    /**
     * Every expert's (out, in) weight and (out) bias of this pass, as views made by one split per
     * stacked parameter: in training, the backward pass then assembles the stacked gradient in one
     * concatenation instead of one full-size scatter per selected slice.
     */
    public Slices slices(ParameterStore ps, NDArray like, boolean training) {
        NDArray w = ps.getValue(weight, like.getDevice(), training);
        NDArray b = ps.getValue(bias, like.getDevice(), training);
        if (!training && !ai.djl.pytorch.jni.JniUtils.isGradMode()) return inferenceSlices(w, b);
        Slices pass = split(w, b);
        // split creates the views in the parameters' manager: move them to the pass's scope
        for (int j = 0; j < pass.weights.length; j++) {
            pass.weights[j].attach(like.getManager());
            pass.biases[j].attach(like.getManager());
        }
        return pass;
    }

    /**
     * The views for passes without autograd, made once and kept in the parameters' manager. They
     * stay valid: weights are only ever overwritten in place (loading, optimiser steps). When a
     * parameter array is replaced, the views of the old one are closed (they would keep its
     * storage alive) and new ones made.
     */
    private Slices inferenceSlices(NDArray w, NDArray b) {
        Slices cached = inference;
        if (cached != null && cached.isOf(w, b)) return cached;
        synchronized (this) {
            if (inference == null || !inference.isOf(w, b)) {
                Slices made = split(w, b);
                // kept across passes: an enclosing NDScope (a training step's) must not free them
                ai.djl.ndarray.NDScope.unregister(made.weights);
                ai.djl.ndarray.NDScope.unregister(made.biases);
                Slices old = inference;
                inference = made;
                if (old != null) old.close();
            }
            return inference;
        }
    }

    private static Slices split(NDArray w, NDArray b) {
        int e = Math.toIntExact(w.getShape().get(0));
        NDArray[] weights = new NDArray[e], biases = new NDArray[e];
        try (NDList ws = w.split(e, 0); NDList bs = b.split(e, 0)) {
            for (int j = 0; j < e; j++) {
                weights[j] = ws.get(j).squeeze(0);
                biases[j] = bs.get(j).squeeze(0);
            }
        }
        return new Slices(weights, biases, w, b);
    }

    /** The experts' weights and biases of one pass; {@link #apply} runs expert j's linear. */
    public record Slices(NDArray[] weights, NDArray[] biases, NDArray weightSource, NDArray biasSource) {
        /** True when these are views of exactly these two parameter arrays. */
        boolean isOf(NDArray w, NDArray b) {
            return weightSource == w && biasSource == b;
        }

        /** Frees the views (not the parameters they view). */
        void close() {
            for (NDArray v : weights) v.close();
            for (NDArray v : biases) v.close();
        }

        /** Expert {@code expert}'s linear on its tokens, (n, in) -> (n, out). */
        public NDArray apply(NDArray x, int expert) {
            return Linear.linear(x, weights[expert], biases[expert]).singletonOrThrow();
        }
    }

    /** Inputs: tokens (n, in) and the expert id as a scalar integer array. */
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(apply(ps, inputs.get(0), inputs.get(1).toType(ai.djl.ndarray.types.DataType.INT32, false).getInt(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = Shapes.first(inputShapes, "stacked linear");
        return new Shape[] {in.slice(0, in.dimension() - 1).add(weight.getShape().get(1))};
    }
}
