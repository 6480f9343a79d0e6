package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** The second half of a transformer block: a dense MLP or a MoE layer, (B, N, D) -> (B, N, D). */
public interface TokenMlp extends Block {

    /** Applies the MLP to normalised tokens within the pass {@code ctx}. */
    NDArray forward(ParameterStore ps, NDArray x, PassContext ctx);
}
