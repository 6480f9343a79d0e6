package org.m3vit.model.train;

import java.util.Map;

/** The losses of one training step: each task's loss, the load-balancing loss and the weighted total. */
public record StepLosses(int step, Map<String, Double> task, double balance, double total, double lr, double seconds) {

    public StepLosses {
        task = Map.copyOf(task);
    }
}
