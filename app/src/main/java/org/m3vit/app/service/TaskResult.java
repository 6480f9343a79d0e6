package org.m3vit.app.service;

import org.m3vit.model.RoutingTrace;
import org.m3vit.model.TaskOutput;

/** One task's output and routing for one image, with the inference wall time that produced it. */
public record TaskResult(TaskOutput output, RoutingTrace trace, long nanos) {

    /** Inference time in milliseconds. */
    public double millis() { return nanos / 1e6; }
}
