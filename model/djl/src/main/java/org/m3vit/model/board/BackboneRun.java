package org.m3vit.model.board;

import java.util.List;

/**
 * One emulated backbone pass: the final tokens (what the task head reads), the residual stream
 * after every layer (the patch embedding, then each block's attention and MLP halves, named
 * {@code patch_embed}, {@code blocks.<b>.attn}, {@code blocks.<b>.mlp}) with the values that
 * wrapped in it, and the gates' decisions of every MoE block.
 */
public record BackboneRun(String arithmetic, TokenMatrix tokens, List<Layer> layers, List<GateDecision> routing) {

    /** The residual stream after one layer, and how many values wrapped around while computing it. */
    public record Layer(String name, TokenMatrix values, long wraps) { }

    public BackboneRun {
        layers = List.copyOf(layers);
        routing = List.copyOf(routing);
    }

    /** Values that wrapped in the whole pass. */
    public long wraps() { return layers.stream().mapToLong(Layer::wraps).sum(); }
}
