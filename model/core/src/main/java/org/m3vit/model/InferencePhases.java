package org.m3vit.model;

/**
 * Where the wall time of one {@link MultiTaskModel#infer} call went, in nanoseconds: copying the
 * image into the engine, the network's forward pass (routing recording excluded), recording the
 * routing trace (copies of the gates' probabilities and choices, MAC counts), and copying the head
 * outputs back. {@link #NONE} when a model does not measure them.
 */
public record InferencePhases(long inputNanos, long forwardNanos, long routingNanos, long outputNanos) {

    /** Not measured. */
    public static final InferencePhases NONE = new InferencePhases(0, 0, 0, 0);

    /** True when the phases were measured. */
    public boolean measured() { return inputNanos + forwardNanos + routingNanos + outputNanos > 0; }
}
