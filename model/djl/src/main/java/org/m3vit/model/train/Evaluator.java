package org.m3vit.model.train;

import org.m3vit.model.InferenceResult;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.MacCount;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.MultiTaskModel;
import org.m3vit.model.ParameterCounts;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.ImageNorm;
import org.m3vit.model.data.RenderedScene;
import org.m3vit.model.data.SceneClass;
import org.m3vit.model.data.SceneRenderer;
import org.m3vit.model.metrics.TaskSpecialisations;
import org.m3vit.model.metrics.RoutingComparison;
import org.m3vit.model.metrics.RoutingStats;
import org.m3vit.model.metrics.TokenProperties;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Evaluates a model on synthetic scenes rendered from seeds it was never trained on (below
 * {@link TrainConfig#TRAIN_SEED_BASE}): segmentation mIoU and pixel accuracy, depth RMSE,
 * absRel and delta < 1.25, the scale-invariant depth errors, normal angular errors, each with a
 * 95% interval over scenes ({@link EvalIntervals}), routing statistics per task and MoE layer,
 * how two tasks' routing differs, and what each task's experts specialise in (classes, depth
 * ranges and normal directions of their tokens, from the scenes' ground truth).
 */
public final class Evaluator {

    private Evaluator() { }

    /** Runs the evaluation; {@code progress} receives the number of scenes done. */
    public static Evaluation evaluate(M3ViTModel model, int count, long firstSeed, IntConsumer progress) {
        return evaluate(model, model, Evaluation.FLOAT32, count, firstSeed, progress);
    }

    /**
     * Runs the evaluation of {@code model}'s outputs as {@code inference} computes them (the model
     * itself, or its backbone in another arithmetic, named {@code arithmetic} in the result).
     */
    public static Evaluation evaluate(M3ViTModel model, MultiTaskModel inference, String arithmetic, int count, long firstSeed,
                                      IntConsumer progress) {
        requireHeldOutSeeds(count, firstSeed);
        ModelConfig c = model.config();
        List<String> tasks = c.tasks().stream().map(TaskSpec::name).toList();
        SceneRenderer renderer = new SceneRenderer();
        QualityScores quality = new QualityScores(c);
        Map<String, RoutingStats> usage = new LinkedHashMap<>();
        Map<String, RoutingComparison> pairs = new LinkedHashMap<>();
        TaskSpecialisations specialisation = new TaskSpecialisations(tasks, SceneClass.labels());   // the scenes' truth classes
        for (String t : tasks) usage.put(t, new RoutingStats());
        for (int i = 0; i < tasks.size(); i++) {
            for (int j = i + 1; j < tasks.size(); j++) pairs.put(tasks.get(i) + "|" + tasks.get(j), new RoutingComparison());
        }
        Map<String, MacCount> macs = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (int n = 0; n < count; n++) {
            RenderedScene scene = renderer.render(firstSeed + n, c.imageHeight(), c.imageWidth());
            InferenceResult r = inference.infer(ImageNorm.normalise(scene.rgb()), tasks);
            quality.add(scene, r);
            for (TaskSpec spec : c.tasks()) {
                if (!c.moeBlocks().isEmpty()) usage.get(spec.name()).add(r.trace(spec.name()));
                macs.putIfAbsent(spec.name(), r.trace(spec.name()).macs());
            }
            if (!c.moeBlocks().isEmpty()) {
                specialisation.add(r, TokenProperties.of(c, scene.labels(), scene.depth(), scene.normals()));
                for (Map.Entry<String, RoutingComparison> e : pairs.entrySet()) {
                    String[] ab = e.getKey().split("\\|");
                    e.getValue().add(r.trace(ab[0]), r.trace(ab[1]));
                }
            }
            progress.accept(n + 1);
        }
        Map<String, List<Map<String, Object>>> routing = new LinkedHashMap<>();
        usage.forEach((t, s) -> routing.put(t, Evaluation.routingRows(s)));
        Map<String, List<Map<String, Object>>> experts = new LinkedHashMap<>();
        if (!c.moeBlocks().isEmpty()) specialisation.byTask().forEach((t, s) -> experts.put(t, Evaluation.specialisationRows(s)));
        Map<String, List<Map<String, Object>>> taskPairs = new LinkedHashMap<>();
        pairs.forEach((k, v) -> taskPairs.put(k.replace('|', '-'), Evaluation.comparisonRows(v)));
        QualityScores.Quality q = quality.result();
        return new Evaluation(c.name(), model.provenance(), count, firstSeed, q.semseg(), q.depth(), q.normals(),
                q.intervals(), routing, taskPairs, experts, cost(model, macs), (System.nanoTime() - start) / 1e9, arithmetic);
    }

    /** Refuses scene seeds that are not held out: fewer than one scene, a negative seed, or seeds reaching the training seeds. */
    public static void requireHeldOutSeeds(int count, long firstSeed) {
        if (count < 1) throw new IllegalArgumentException("--count must be >= 1");
        if (firstSeed < 0) throw new IllegalArgumentException("evaluation seeds start at 0; the first seed is " + firstSeed);
        if (firstSeed + count > TrainConfig.TRAIN_SEED_BASE) {
            throw new IllegalArgumentException("evaluation seeds " + firstSeed + ".." + (firstSeed + count - 1)
                    + " overlap the training seeds (>= " + TrainConfig.TRAIN_SEED_BASE + "); pick seeds below it");
        }
    }

    private static Map<String, Object> cost(M3ViTModel model, Map<String, MacCount> macs) {
        ParameterCounts p = model.parameterCounts();
        Map<String, Object> perTask = new LinkedHashMap<>();
        macs.forEach((t, m) -> perTask.put(t, Map.of("executed", m.executed(), "denseAllExperts", m.denseAllExperts(),
                "allTasks", m.allTasks())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("parameters", p.total());
        out.put("expertParameters", p.experts());
        out.put("macsPerSingleTaskInference", perTask);
        return out;
    }
}
