package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

/**
 * A {@link Linear} applied to a 2-D (rows, in) input, where libtorch runs it as one fused addmm
 * (product and bias in one MKL call on the transposed weight). Given a 3-D input, libtorch 2.7
 * takes matmul plus a separate in-place bias add instead; timed at the blocks' sizes at 2 threads that
 * path was 1.2-1.4x slower (docs/network.md, "Speed against PyTorch eager").
 */
final class RowLinear {

    private RowLinear() { }

    /** {@code layer} on (rows, in) -> (rows, out). */
    static NDArray apply(Linear layer, ParameterStore ps, NDArray rows, boolean training) {
        if (rows.getShape().dimension() != 2) {
            throw new IllegalArgumentException("RowLinear needs (rows, in), got " + rows.getShape());
        }
        return layer.forward(ps, new NDList(rows), training).singletonOrThrow();
    }
}
