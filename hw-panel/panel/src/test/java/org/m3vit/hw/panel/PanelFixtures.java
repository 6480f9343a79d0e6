package org.m3vit.hw.panel;

import org.m3vit.hw.sim.SyntheticRouting;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.Presets;
import org.m3vit.model.RoutingTrace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/** Shared inputs of the panel tests: M3ViT-T with synthetic routing for each task, and same-thread executors. */
final class PanelFixtures {

    static final ModelConfig MODEL = Presets.get("m3vit-t-cityscapes");
    static final Executor DIRECT = Runnable::run;

    private PanelFixtures() { }

    /** One synthetic (skewed, seed 3) trace per task of the model, by task. */
    static Map<String, RoutingTrace> traces() {
        Map<String, RoutingTrace> m = new LinkedHashMap<>();
        for (var t : MODEL.tasks()) m.put(t.name(), SyntheticRouting.trace(MODEL, t.name(), SyntheticRouting.Kind.SKEWED, 3));
        return m;
    }

    static List<String> taskNames() { return MODEL.tasks().stream().map(t -> t.name()).toList(); }

    /** A model publishing on the calling thread, fed with {@link #traces()} and the first task. */
    static HardwarePanelModel directModel() {
        HardwarePanelModel m = new HardwarePanelModel(DIRECT, DIRECT);
        m.modelConfigProperty().set(MODEL);
        m.tracesProperty().set(traces());
        m.currentTaskProperty().set(taskNames().get(0));
        return m;
    }
}
