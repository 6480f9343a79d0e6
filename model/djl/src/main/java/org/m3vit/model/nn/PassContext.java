package org.m3vit.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.util.PairList;
import org.m3vit.model.ExpertMask;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.RoutingPlan;

import java.util.ArrayList;
import java.util.List;

/**
 * State of one forward pass handed down the block tree: the task whose head runs, the gates and
 * expert masks of a routing intervention ({@link RoutingPlan}; none by default), the training flag,
 * whether routing is recorded, and what the MoE layers report back
 * (routing of the first image, load-balancing loss terms). Travels in DJL's forward
 * {@code params} under {@link #KEY}.
 */
public final class PassContext {

    /** Key of the context in the {@code PairList} passed to {@code Block.forward}. */
    public static final String KEY = "m3vit.pass";

    private final int task;
    private final boolean training;
    private final boolean recordRouting;
    private final MoeExecution execution;
    private final RoutingPlan plan;
    private final List<LayerRouting> routing = new ArrayList<>();
    private final List<NDArray> balanceLosses = new ArrayList<>();
    private boolean balanceLossWanted;
    private long routingNanos;

    /** A pass for task id {@code task}. */
    public PassContext(int task, boolean training, boolean recordRouting) {
        this(task, training, recordRouting, MoeExecution.SPARSE);
    }

    /** A pass for task id {@code task} whose MoE layers run as {@code execution} says. */
    public PassContext(int task, boolean training, boolean recordRouting, MoeExecution execution) {
        this(task, training, recordRouting, execution, RoutingPlan.NONE);
    }

    /** A pass for task id {@code task} whose MoE layers run as {@code execution} says, with the routing changed by {@code plan}. */
    public PassContext(int task, boolean training, boolean recordRouting, MoeExecution execution, RoutingPlan plan) {
        if (task < 0) throw new IllegalArgumentException("task id must be >= 0, was " + task);
        this.task = task;
        this.training = training;
        this.balanceLossWanted = training;
        this.recordRouting = recordRouting;
        this.execution = execution;
        this.plan = plan == null ? RoutingPlan.NONE : plan;
    }

    /** The context inside {@code params}, or a default one (task 0, no recording) if there is none. */
    public static PassContext from(PairList<String, Object> params, boolean training) {
        if (params != null) {
            Object o = params.get(KEY);
            if (o instanceof PassContext c) return c;
        }
        return new PassContext(0, training, false);
    }

    /** Wraps this context for {@code Block.forward}. */
    public PairList<String, Object> asParams() {
        PairList<String, Object> p = new PairList<>();
        p.add(KEY, this);
        return p;
    }

    /** Task id (index into the config's task list): whose head runs. */
    public int task() { return task; }

    /** Task id whose gates run: the task's own unless the plan says otherwise. */
    public int gateTask() { return plan.gateTask(task); }

    /** The expert mask of MoE block {@code block}, null when the routing there is the gate's own. */
    public ExpertMask mask(int block) { return plan.mask(block); }

    /** True in a training pass (BatchNorm uses batch statistics and updates its running ones). */
    public boolean training() { return training; }

    /** True when MoE layers record the routing of the first image of the batch. */
    public boolean recordRouting() { return recordRouting; }

    /** Sparse (the model) or the dense oracle (tests and benchmarks). */
    public MoeExecution execution() { return execution; }

    /** Routing recorded so far, in block order. */
    public List<LayerRouting> routing() { return routing; }

    /**
     * Also computes the load-balancing loss outside training (tests that check it against an oracle);
     * by default only a training pass computes it, inference skips the work.
     */
    public PassContext withBalanceLoss() {
        balanceLossWanted = true;
        return this;
    }

    /** True when the MoE layers compute their load-balancing loss terms. */
    public boolean balanceLossWanted() { return balanceLossWanted; }

    /** Load-balancing loss terms recorded so far, one scalar per MoE block (none when not wanted). */
    public List<NDArray> balanceLosses() { return balanceLosses; }

    /** Wall time spent recording the routing so far (nanoseconds). */
    public long routingNanos() { return routingNanos; }

    void addRouting(LayerRouting layer, long nanos) {
        routing.add(layer);
        routingNanos += nanos;
    }

    void addBalanceLoss(NDArray loss) { balanceLosses.add(loss); }
}
