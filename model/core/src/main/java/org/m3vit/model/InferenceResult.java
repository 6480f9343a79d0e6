package org.m3vit.model;

import java.util.Map;

/**
 * The result of one inference on one image: each requested task's raw head output and the
 * routing of its gates, the wall time the pass took and where it went ({@link InferencePhases}).
 */
public record InferenceResult(Map<String, TaskOutput> outputs, Map<String, RoutingTrace> routing, long nanos, InferencePhases phases) {

    public InferenceResult {
        outputs = Map.copyOf(outputs);
        routing = Map.copyOf(routing);
        phases = phases == null ? InferencePhases.NONE : phases;
    }

    /** A result whose phases were not measured. */
    public InferenceResult(Map<String, TaskOutput> outputs, Map<String, RoutingTrace> routing, long nanos) {
        this(outputs, routing, nanos, InferencePhases.NONE);
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
