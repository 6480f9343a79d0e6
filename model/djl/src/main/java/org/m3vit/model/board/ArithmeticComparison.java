package org.m3vit.model.board;

import org.m3vit.model.InferenceResult;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.TaskOutput;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.ImageNorm;
import org.m3vit.model.data.RenderedScene;
import org.m3vit.model.data.SceneRenderer;
import org.m3vit.model.train.Evaluator;
import org.m3vit.model.train.QualityScores;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Compares a model's backbone in an emulated arithmetic with the float32 network on held-out
 * rendered scenes. Per scene and task it runs the DJL network (float32, the reference for the
 * outputs, routing and metrics), the emulated backbone with the float32 head, and the float
 * emulation (double precision, the reference for the per-layer activations, which the DJL
 * network does not expose; it is checked against the DJL backbone's tokens on every pass).
 */
public final class ArithmeticComparison {

    private ArithmeticComparison() { }

    /** Runs the comparison on scenes {@code firstSeed .. firstSeed + count - 1}; {@code progress} receives the scenes done. */
    public static ArithmeticReport run(M3ViTModel model, BackboneArithmetic arithmetic, int count, long firstSeed, IntConsumer progress) {
        Evaluator.requireHeldOutSeeds(count, firstSeed);
        ModelConfig c = model.config();
        List<String> tasks = c.tasks().stream().map(TaskSpec::name).toList();
        EmulatedModel emulated = new EmulatedModel(model, arithmetic.emulated());
        BackboneEmulator reference = BackboneEmulator.of(c, model.weights(), new FloatArithmetic());
        LayerErrors layers = new LayerErrors();
        RoutingChanges routing = new RoutingChanges();
        Map<String, OutputChanges> outputs = new LinkedHashMap<>();
        for (TaskSpec t : c.tasks()) outputs.put(t.name(), new OutputChanges(t));
        QualityScores floatQuality = new QualityScores(c), otherQuality = new QualityScores(c);
        SceneRenderer renderer = new SceneRenderer();
        double referenceDifference = 0;
        long start = System.nanoTime();
        for (int n = 0; n < count; n++) {
            RenderedScene scene = renderer.render(firstSeed + n, c.imageHeight(), c.imageWidth());
            float[] chw = ImageNorm.normalise(scene.rgb());
            InferenceResult float32 = model.infer(chw, tasks);
            Map<String, TaskOutput> otherOutputs = new LinkedHashMap<>();
            Map<String, RoutingTrace> otherTraces = new LinkedHashMap<>();
            for (int task = 0; task < tasks.size(); task++) {
                String name = tasks.get(task);
                EmulatedModel.Pass pass = emulated.pass(chw, task);
                BackboneRun exact = reference.run(chw, task);
                referenceDifference = Math.max(referenceDifference, maxAbsDifference(model.backboneTokens(chw, task), exact.tokens()));
                layers.add(exact, pass.backbone());
                outputs.get(name).add(float32.output(name), pass.output());
                routing.add(float32.trace(name), pass.trace());
                otherOutputs.put(name, pass.output());
                otherTraces.put(name, pass.trace());
            }
            floatQuality.add(scene, float32);
            otherQuality.add(scene, new InferenceResult(otherOutputs, otherTraces, 0));
            progress.accept(n + 1);
        }
        QualityScores.Quality f = floatQuality.result(), o = otherQuality.result();
        Map<String, Map<String, Map<String, Object>>> metrics = new LinkedHashMap<>();
        metrics.put(BackboneArithmetic.FLOAT32.label(), f.byTask());
        metrics.put(arithmetic.label(), o.byTask());
        Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
        outputs.forEach((t, ch) -> changes.put(t, ch.summary()));
        WeightReport weights = emulated.emulator().weightReport();
        return new ArithmeticReport(c.name(), model.provenance(), count, firstSeed, arithmetic.label(), arithmetic.description(),
                emulated.emulator().arithmetic().formats(), weights.outOfRange(), weights.values(), referenceDifference,
                layers.rows(), changes, routing.rows(), metrics, otherQuality.changesFrom(floatQuality), f.intervals(), (System.nanoTime() - start) / 1e9);
    }

    private static double maxAbsDifference(float[] expected, TokenMatrix actual) {
        double max = 0;
        for (int i = 0; i < expected.length; i++) max = Math.max(max, Math.abs(expected[i] - actual.values()[i]));
        return max;
    }
}
