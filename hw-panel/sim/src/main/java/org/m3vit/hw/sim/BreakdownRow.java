package org.m3vit.hw.sim;

/**
 * One row of a latency breakdown: the time during which {@code op} of {@code layer} was what the
 * accelerator waited on, in cycles and milliseconds.
 *
 * @param inference index of the inference the op belongs to (-1 for idle time)
 * @param op        the event's op; a weight load that nothing computed beside reads "... (weights)"
 */
public record BreakdownRow(int inference, String layer, String op, double cycles, double ms) { }
