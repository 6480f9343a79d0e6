package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import org.m3vit.model.LayerRouting;

import java.util.List;

/**
 * The result of one single-task forward pass: the head output (B, C, H, W), the pass's
 * load-balancing loss (sum over MoE blocks of cv²(importance) + cv²(load); a zero scalar for a
 * dense model) and, when recorded, the routing of the batch's first image per MoE block with the
 * wall time its recording took (nanoseconds, inside the pass).
 */
public record TaskPass(NDArray output, NDArray balanceLoss, List<LayerRouting> routing, long routingNanos) {

    public TaskPass {
        routing = List.copyOf(routing);
    }

    /** A pass whose routing recording was not timed. */
    public TaskPass(NDArray output, NDArray balanceLoss, List<LayerRouting> routing) {
        this(output, balanceLoss, routing, 0);
    }
}
