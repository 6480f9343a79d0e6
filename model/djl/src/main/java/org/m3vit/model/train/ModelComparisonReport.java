package org.m3vit.model.train;

import java.util.Map;

/**
 * What {@code m3vit eval --against} writes: the scenes, each model's metrics (as in the eval JSON,
 * with their 95% intervals), and {@code changes}: per task, each headline metric's change (model
 * minus reference), its paired 95% interval {@code <metric>_ci95} and {@code <metric>_significant}
 * (the interval excludes zero).
 */
public record ModelComparisonReport(int scenes, long firstSeed, Side model, Side reference,
                                    Map<String, Map<String, Object>> changes, Map<String, Object> intervals, double seconds) {

    /** One model of the comparison: name, provenance, parameters, executed MACs per single-task inference, metrics per task. */
    public record Side(String name, String provenance, long parameters, Map<String, Long> macsPerTask,
                       Map<String, Map<String, Object>> metrics) { }
}
