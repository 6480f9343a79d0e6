package org.m3vit.model;

import java.util.Map;

/**
 * A {@link RoutingIntervention} resolved for one pass: the task whose gates run ({@code -1}: the
 * pass's own task) and the {@link ExpertMask} of each MoE block it changes.
 */
public record RoutingPlan(int gateTask, Map<Integer, ExpertMask> masks) {

    /** The plain pass: own gates, no mask anywhere. */
    public static final RoutingPlan NONE = new RoutingPlan(-1, Map.of());

    public RoutingPlan {
        masks = Map.copyOf(masks);
    }

    /** The gate to run in a pass of task id {@code task}. */
    public int gateTask(int task) { return gateTask < 0 ? task : gateTask; }

    /** The mask of MoE block {@code block}, null when the plan leaves it as it is. */
    public ExpertMask mask(int block) { return masks.get(block); }
}
