package org.m3vit.model;

import java.util.List;

/**
 * Multiply-accumulates of one forward pass, counted per layer: what this single-task pass
 * executed, what a dense pass running all E experts for every token would execute, and what
 * producing every task's output would execute (T dense passes with all experts and heads).
 * See {@link LayerMacs} for the accounting of each row.
 */
public record MacCount(List<LayerMacs> layers) {

    public MacCount {
        layers = List.copyOf(layers);
    }

    /** MACs this pass executed. */
    public long executed() { return layers.stream().mapToLong(LayerMacs::executed).sum(); }

    /** MACs of the same single-task pass with all experts run on every token. */
    public long denseAllExperts() { return layers.stream().mapToLong(LayerMacs::denseAllExperts).sum(); }

    /** MACs of running the whole multi-task model densely for all tasks. */
    public long allTasks() { return layers.stream().mapToLong(LayerMacs::allTasks).sum(); }

    /** 1 - executed / allTasks: the saving of sparse single-task execution. */
    public double savingVersusAllTasks() { return allTasks() == 0 ? 0 : 1.0 - (double) executed() / allTasks(); }

    /** 1 - executed / denseAllExperts. */
    public double savingVersusDense() { return denseAllExperts() == 0 ? 0 : 1.0 - (double) executed() / denseAllExperts(); }
}
