package org.m3vit.app.service;

import org.m3vit.model.RoutingTrace;
import org.m3vit.model.TaskOutput;

/**
 * One task's output and routing for one image, with the inference wall time that produced it and
 * the per-image metrics line against the image's ground truth ({@code metrics}: computed with the
 * result, off the FX thread; empty without ground truth, null when not computed).
 */
public record TaskResult(TaskOutput output, RoutingTrace trace, long nanos, String metrics) {

    /** A result whose metrics line is not computed yet. */
    public TaskResult(TaskOutput output, RoutingTrace trace, long nanos) {
        this(output, trace, nanos, null);
    }

    /**
     * Bytes held by the output and the routing arrays (each array's header counted as 16 bytes):
     * what the result cache bounds.
     */
    public long bytes() {
        long b = 16 + 4L * output.data().length;
        for (var layer : trace.layers()) {
            b += arrayBytes(layer.experts().length, layer.experts().length == 0 ? 0 : layer.experts()[0].length);
            b += arrayBytes(layer.weights().length, layer.weights().length == 0 ? 0 : layer.weights()[0].length);
            b += arrayBytes(layer.probabilities().length, layer.probabilities().length == 0 ? 0 : layer.probabilities()[0].length);
        }
        return b;
    }

    private static long arrayBytes(int rows, int columns) { return 16 + rows * (16 + 4L * columns); }

    /** Inference time in milliseconds. */
    public double millis() { return nanos / 1e6; }
}
