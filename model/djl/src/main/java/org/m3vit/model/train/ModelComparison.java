package org.m3vit.model.train;

import org.m3vit.model.InferenceResult;
import org.m3vit.model.M3ViTModel;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.ImageNorm;
import org.m3vit.model.data.RenderedScene;
import org.m3vit.model.data.SceneRenderer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Two models on the same held-out scenes (MoE against its dense baseline, a checkpoint against
 * an earlier one): each one's metrics with their 95% intervals, and the change of every headline
 * metric (model minus reference) with a paired bootstrap 95% interval. A change is significant
 * when that interval excludes zero: pairing removes the scene-to-scene variation both models
 * share, which two separate intervals still hold.
 */
public final class ModelComparison {

    /** Key suffix of a change's verdict: true when its paired interval excludes zero. */
    public static final String SIGNIFICANT_SUFFIX = "_significant";

    private ModelComparison() { }

    /** Runs both models on scenes {@code firstSeed .. firstSeed + count - 1}; {@code progress} receives the scenes done. */
    public static ModelComparisonReport run(M3ViTModel model, M3ViTModel reference, int count, long firstSeed, IntConsumer progress) {
        Evaluator.requireHeldOutSeeds(count, firstSeed);
        ModelConfig c = model.config();
        requireComparable(c, reference.config());
        List<String> tasks = c.tasks().stream().map(TaskSpec::name).toList();
        QualityScores mine = new QualityScores(c), theirs = new QualityScores(reference.config());
        Map<String, Long> macsMine = new LinkedHashMap<>(), macsTheirs = new LinkedHashMap<>();
        SceneRenderer renderer = new SceneRenderer();
        long start = System.nanoTime();
        for (int n = 0; n < count; n++) {
            RenderedScene scene = renderer.render(firstSeed + n, c.imageHeight(), c.imageWidth());
            float[] chw = ImageNorm.normalise(scene.rgb());
            InferenceResult a = model.infer(chw, tasks), b = reference.infer(chw, tasks);
            mine.add(scene, a);
            theirs.add(scene, b);
            for (String t : tasks) {
                macsMine.putIfAbsent(t, a.trace(t).macs().executed());
                macsTheirs.putIfAbsent(t, b.trace(t).macs().executed());
            }
            progress.accept(n + 1);
        }
        QualityScores.Quality qa = mine.result(), qb = theirs.result();
        return new ModelComparisonReport(count, firstSeed,
                new ModelComparisonReport.Side(c.name(), model.provenance(), model.parameterCounts().total(), macsMine, qa.byTask()),
                new ModelComparisonReport.Side(reference.config().name(), reference.provenance(), reference.parameterCounts().total(),
                        macsTheirs, qb.byTask()),
                withVerdicts(mine.changesFrom(theirs)), qa.intervals(), (System.nanoTime() - start) / 1e9);
    }

    /** Refuses two models that cannot be compared on the same scenes: another input size, other tasks. */
    public static void requireComparable(ModelConfig a, ModelConfig b) {
        if (a.imageHeight() != b.imageHeight() || a.imageWidth() != b.imageWidth()) {
            throw new IllegalArgumentException(a.name() + " takes " + a.imageHeight() + "x" + a.imageWidth() + " images and " + b.name() + " "
                    + b.imageHeight() + "x" + b.imageWidth() + ": models are compared on the same scenes at one size");
        }
        if (!a.tasks().equals(b.tasks())) {
            throw new IllegalArgumentException(a.name() + " has tasks " + names(a) + " and " + b.name() + " " + names(b)
                    + ": models are compared on the same tasks (names, kinds and channels)");
        }
    }

    private static List<String> names(ModelConfig c) {
        return c.tasks().stream().map(t -> t.name() + "/" + t.kind() + "/" + t.channels()).toList();
    }

    /** Adds {@code key_significant} beside every change that has a paired interval (also in nested maps: the class IoUs). */
    private static Map<String, Map<String, Object>> withVerdicts(Map<String, Map<String, Object>> changes) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        changes.forEach((task, metrics) -> out.put(task, verdicts(metrics)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> verdicts(Map<String, Object> metrics) {
        Map<String, Object> m = new LinkedHashMap<>();
        metrics.forEach((key, value) -> {
            m.put(key, value instanceof Map<?, ?> nested ? verdicts((Map<String, Object>) nested) : value);
            if (key.endsWith(Evaluation.INTERVAL_SUFFIX) && value instanceof double[] ci && ci.length == 2) {
                String metric = key.substring(0, key.length() - Evaluation.INTERVAL_SUFFIX.length());
                m.put(metric + SIGNIFICANT_SUFFIX, excludesZero(ci));
            }
        });
        return m;
    }

    /** True when the interval [lo, hi] lies wholly above or wholly below zero. */
    static boolean excludesZero(double[] ci) {
        return ci[0] > 0 || ci[1] < 0;
    }
}
