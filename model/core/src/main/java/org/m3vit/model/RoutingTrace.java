package org.m3vit.model;

import java.util.List;

/**
 * What the gates of one task did in one forward pass: per MoE block the top-k experts and
 * gate weights of every token and the full softmax, plus the pass's MAC accounting and the
 * routing intervention that applied to the pass ({@link RoutingIntervention#NONE} for the gates'
 * own routing). The explorer's routing views and the accelerator simulator both consume it.
 */
public record RoutingTrace(
        String model,
        String task,
        int taskIndex,
        int gridHeight,
        int gridWidth,
        int numExperts,
        int topK,
        List<LayerRouting> layers,
        MacCount macs,
        RoutingIntervention intervention) {

    public RoutingTrace {
        layers = List.copyOf(layers);
        intervention = intervention == null ? RoutingIntervention.NONE : intervention;
    }

    /** A trace of the gates' own routing (no intervention). */
    public RoutingTrace(String model, String task, int taskIndex, int gridHeight, int gridWidth, int numExperts, int topK,
                        List<LayerRouting> layers, MacCount macs) {
        this(model, task, taskIndex, gridHeight, gridWidth, numExperts, topK, layers, macs, RoutingIntervention.NONE);
    }

    /** Tokens per layer, including cls. */
    public int numTokens() { return gridHeight * gridWidth + 1; }

    /** The routing of MoE block {@code block} (a block index, not a list position). */
    public LayerRouting layerForBlock(int block) {
        for (LayerRouting l : layers) if (l.block() == block) return l;
        throw new IllegalArgumentException("block " + block + " is not a MoE block of this trace");
    }

    /** Patch row of token {@code t >= 1}. */
    public int row(int token) { return (token - 1) / gridWidth; }

    /** Patch column of token {@code t >= 1}. */
    public int column(int token) { return (token - 1) % gridWidth; }

    /** Token index of patch (row, column). */
    public int token(int row, int column) { return 1 + row * gridWidth + column; }
}
