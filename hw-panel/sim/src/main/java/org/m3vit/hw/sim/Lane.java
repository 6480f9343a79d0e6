package org.m3vit.hw.sim;

/** A resource that runs one event at a time; the rows of the timeline. */
public enum Lane {
    /** The weight AXI master: weight loads from DDR into on-chip buffers. */
    WEIGHT_DDR("weight DDR"),
    /** The activation AXI masters: token rows, attention matrices and outputs to and from DDR. */
    ACTIVATION_DDR("activation DDR"),
    /** The shared 16x16 linear unit (all linear layers, experts, task-head convolutions). */
    LINEAR("linear unit"),
    /** The attention unit (Q x K^T with online softmax, attention x V). */
    ATTENTION("attention unit"),
    /** The gating unit (gate logits, softmax, top-k, queues). */
    GATING("gating"),
    /** The element-wise unit (LayerNorm, residual adds, positional embedding, up-sampling). */
    VECTOR("vector unit");

    private final String label;

    Lane(String label) { this.label = label; }

    /** Human-readable name. */
    public String label() { return label; }
}
