package org.m3vit.model.board;

import org.m3vit.model.InferenceResult;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.MacCounter;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.MultiTaskModel;
import org.m3vit.model.RoutingIntervention;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.TaskOutput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model whose backbone runs in an emulated {@link Arithmetic} (e.g. the board's formats) and
 * whose task heads run in float32 in DJL on the emulated tokens, as on the board, which
 * computes only the backbone and leaves the heads to the host. The routing traces are the
 * emulated gates' decisions. Owns the wrapped model: closing this closes it.
 */
public final class EmulatedModel implements MultiTaskModel {

    /** One task's emulated pass: the backbone run, the head's output and its routing trace. */
    public record Pass(BackboneRun backbone, TaskOutput output, RoutingTrace trace) { }

    private final M3ViTModel model;
    private final BackboneEmulator emulator;

    /** {@code model} with its backbone in {@code arithmetic} (its weights are converted once, here). */
    public EmulatedModel(M3ViTModel model, Arithmetic arithmetic) {
        this.model = model;
        this.emulator = BackboneEmulator.of(model.config(), model.weights(), arithmetic);
    }

    /** The emulator (its arithmetic and weight report). */
    public BackboneEmulator emulator() { return emulator; }

    @Override
    public ModelConfig config() { return model.config(); }

    @Override
    public boolean isTrained() { return model.isTrained(); }

    @Override
    public String provenance() { return model.provenance(); }

    /** One task's pass on a normalised image. */
    public Pass pass(float[] chw, int task) {
        ModelConfig c = model.config();
        BackboneRun run = emulator.run(chw, task);
        TaskOutput output = model.head(task, run.tokens().toFloats());
        List<LayerRouting> layers = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        for (GateDecision g : run.routing()) {
            LayerRouting l = routing(g);
            layers.add(l);
            counts.add(l.tokensPerExpert());
        }
        RoutingTrace trace = new RoutingTrace(c.name(), c.tasks().get(task).name(), task, c.gridHeight(), c.gridWidth(),
                c.numExperts(), c.topK(), layers, MacCounter.count(c, task, counts));
        return new Pass(run, output, trace);
    }

    /** Routing interventions are not emulated: a non-empty one is refused (they run in float32, docs/interventions.md). */
    @Override
    public InferenceResult infer(float[] chw, List<String> tasks, RoutingIntervention intervention) {
        if (intervention != null && !intervention.isEmpty()) {
            throw new IllegalArgumentException("routing interventions run in float32 arithmetic only, not in "
                    + emulator.arithmetic().name() + " arithmetic");
        }
        long start = System.nanoTime();
        Map<String, TaskOutput> outputs = new LinkedHashMap<>();
        Map<String, RoutingTrace> traces = new LinkedHashMap<>();
        for (String name : tasks) {
            Pass p = pass(chw, model.config().taskIndex(name));
            outputs.put(name, p.output());
            traces.put(name, p.trace());
        }
        return new InferenceResult(outputs, traces, System.nanoTime() - start);
    }

    private static LayerRouting routing(GateDecision g) {
        int n = g.tokens();
        float[][] weights = new float[n][], probabilities = new float[n][];
        for (int t = 0; t < n; t++) {
            weights[t] = floats(g.weights()[t]);
            probabilities[t] = floats(g.probabilities()[t]);
        }
        return new LayerRouting(g.block(), g.experts(), weights, probabilities);
    }

    private static float[] floats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
        return out;
    }

    @Override
    public void close() { model.close(); }
}
