package org.m3vit.model;

import java.util.Map;

/**
 * The result of one inference on one image: each requested task's raw head output and the
 * routing of its gates, and the wall time the pass took.
 */
public record InferenceResult(Map<String, TaskOutput> outputs, Map<String, RoutingTrace> routing, long nanos) {

    public InferenceResult {
        outputs = Map.copyOf(outputs);
        routing = Map.copyOf(routing);
    }

    /** The output of {@code task}; throws if the task was not run. */
    public TaskOutput output(String task) {
        TaskOutput o = outputs.get(task);
        if (o == null) throw new IllegalArgumentException("task '" + task + "' was not run; ran " + outputs.keySet());
        return o;
    }

    /** The routing trace of {@code task}. */
    public RoutingTrace trace(String task) {
        RoutingTrace r = routing.get(task);
        if (r == null) throw new IllegalArgumentException("task '" + task + "' was not run; ran " + routing.keySet());
        return r;
    }
}
