package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Runs one layer of a pass in its own sub-manager and frees the layer's intermediate arrays when
 * it returns, keeping only its output (and the arrays named to outlive it). Without it every
 * intermediate of a pass lives until the pass ends, so each op writes to memory never used in
 * that pass before: cold in the cache and, after the allocator gave it back, a page fault per page.
 * Autograd is unaffected: libtorch keeps its own reference to every tensor the backward pass needs.
 * Every array made inside must be libtorch-owned (no tensor over a Java buffer), which holds for
 * the network's ops (see {@link Scalar}).
 */
final class LayerScope {

    private LayerScope() { }

    /** {@code layer(x)} with the layer's intermediates freed; the result is in {@code x}'s manager. */
    static NDArray apply(NDArray x, UnaryOperator<NDArray> layer) {
        return apply(x, layer, List.of());
    }

    /** As {@link #apply(NDArray, UnaryOperator)}; arrays appended to {@code keep} during the layer survive it too. */
    static NDArray apply(NDArray x, UnaryOperator<NDArray> layer, List<NDArray> keep) {
        NDManager outer = x.getManager();
        int kept = keep.size();
        try (NDManager inner = outer.newSubManager()) {
            x.tempAttach(inner);
            NDArray y = layer.apply(x);
            y.attach(outer);
            for (int i = kept; i < keep.size(); i++) keep.get(i).attach(outer);
            return y;
        }
    }
}
