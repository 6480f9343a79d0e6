package org.m3vit.model.train;

import org.m3vit.model.InferenceResult;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.TaskKind;
import org.m3vit.model.TaskOutput;
import org.m3vit.model.TaskSpec;
import org.m3vit.model.data.RenderedScene;
import org.m3vit.model.metrics.DepthMetrics;
import org.m3vit.model.metrics.DepthSceneScores;
import org.m3vit.model.metrics.NormalMetrics;
import org.m3vit.model.metrics.NormalSceneScores;
import org.m3vit.model.metrics.SceneBootstrap;
import org.m3vit.model.metrics.SegmentationMetrics;
import org.m3vit.model.metrics.SegmentationSceneScores;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The eval's quality metrics of one model's outputs over rendered scenes: segmentation mIoU and
 * pixel accuracy, depth RMSE, absRel, delta &lt; 1.25 and the scale-invariant errors, normal angle
 * errors, each headline metric with its 95% interval over scenes ({@link EvalIntervals}).
 */
public final class QualityScores {

    /** The eval JSON's three metric maps and how their intervals were computed. */
    public record Quality(Map<String, Object> semseg, Map<String, Object> depth, Map<String, Object> normals,
                          Map<String, Object> intervals) {
        /** The three metric maps under their task sections: semseg, depth, normals. */
        public Map<String, Map<String, Object>> byTask() {
            Map<String, Map<String, Object>> m = new LinkedHashMap<>();
            m.put("semseg", semseg);
            m.put("depth", depth);
            m.put("normals", normals);
            return m;
        }
    }

    private final ModelConfig config;
    private SegmentationSceneScores seg;
    private final DepthSceneScores depth = new DepthSceneScores();
    private final NormalSceneScores normals = new NormalSceneScores();

    /** Scores for the tasks of {@code config}. */
    public QualityScores(ModelConfig config) { this.config = config; }

    /** Adds one scene's outputs (every task of the config) against its ground truth. */
    public void add(RenderedScene scene, InferenceResult r) {
        for (TaskSpec spec : config.tasks()) {
            TaskOutput out = r.output(spec.name());
            if (spec.kind() == TaskKind.SEGMENTATION) {
                if (seg == null) seg = new SegmentationSceneScores(spec.channels(), SegmentationMetrics.NO_IGNORE);
                seg.add(out.classMap(), scene.labels());
            } else if (spec.kind() == TaskKind.DEPTH) {
                depth.add(out.plane(0), scene.depth());
            } else if (spec.kind() == TaskKind.NORMALS) {
                normals.add(out.data(), scene.normals());
            }
        }
    }

    /** The metrics of the scenes added so far. */
    public Quality result() {
        EvalIntervals intervals = new EvalIntervals();
        Map<String, Object> s = seg == null ? Map.of() : semseg(seg, intervals);
        Map<String, Object> d = depth(depth, intervals);
        Map<String, Object> n = normals(normals, intervals);
        return new Quality(s, d, n, intervals.describe());
    }

    /**
     * The change of each headline metric from {@code reference}'s outputs to these (this minus
     * reference) on the same scenes, with a paired percentile bootstrap 95% interval: each resample
     * draws the same scenes for both, so the interval holds only the variation of the change, not
     * of the metric itself. Keys as in {@link #result}: {@code semseg.mIoU}, {@code mIoU_ci95}, ...
     */
    public Map<String, Map<String, Object>> changesFrom(QualityScores reference) {
        int n = depth.scaleInvariant().images();
        if (reference.depth.scaleInvariant().images() != n) {
            throw new IllegalArgumentException("paired changes need the same scenes: " + n + " and " + reference.depth.scaleInvariant().images());
        }
        SceneBootstrap bootstrap = SceneBootstrap.standard();
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Map<String, Object> s = new LinkedHashMap<>();
        if (seg != null) {
            paired(s, "mIoU", bootstrap, n, seg::meanIoU, reference.seg::meanIoU);
            paired(s, "pixelAccuracy", bootstrap, n, seg.pixelAccuracyOfResample(), reference.seg.pixelAccuracyOfResample());
            s.put("classIoU", classChanges(reference, bootstrap, n));
        }
        out.put("semseg", s);
        Map<String, Object> d = new LinkedHashMap<>();
        paired(d, "rmse", bootstrap, n, depth.rmseOfResample(), reference.depth.rmseOfResample());
        paired(d, "absRel", bootstrap, n, depth.absRelOfResample(), reference.depth.absRelOfResample());
        paired(d, "delta1", bootstrap, n, depth.delta1OfResample(), reference.depth.delta1OfResample());
        double[] msMine = depth.scaleInvariant().perImageMedianScaledAbsRel(), msTheirs = reference.depth.scaleInvariant().perImageMedianScaledAbsRel();
        paired(d, "absRelMedianScaled", bootstrap, n, t -> mean(msMine, t), t -> mean(msTheirs, t));
        double[] siMine = depth.scaleInvariant().perImageSiLog(), siTheirs = reference.depth.scaleInvariant().perImageSiLog();
        paired(d, "siLog", bootstrap, n, t -> mean(siMine, t), t -> mean(siTheirs, t));
        out.put("depth", d);
        Map<String, Object> m = new LinkedHashMap<>();
        paired(m, "meanAngleDeg", bootstrap, n, normals.meanOfResample(), reference.normals.meanOfResample());
        paired(m, "medianAngleDeg", bootstrap, n, normals.medianOfResample(), reference.normals.medianOfResample());
        paired(m, "within11_25", bootstrap, n, normals.percentWithinOfResample(11.25), reference.normals.percentWithinOfResample(11.25));
        paired(m, "within22_5", bootstrap, n, normals.percentWithinOfResample(22.5), reference.normals.percentWithinOfResample(22.5));
        paired(m, "within30", bootstrap, n, normals.percentWithinOfResample(30), reference.normals.percentWithinOfResample(30));
        out.put("normals", m);
        return out;
    }

    /** Each class's IoU change with its paired interval, keyed by label; a class whose IoU is undefined for either (absent from its predictions and the truth) is left out. */
    private Map<String, Object> classChanges(QualityScores reference, SceneBootstrap bootstrap, int n) {
        List<String> labels = config.tasks().stream().filter(t -> t.kind() == TaskKind.SEGMENTATION).findFirst().orElseThrow().labels();
        double[] mine = seg.pooled().classIoU(), theirs = reference.seg.pooled().classIoU();
        Map<String, Object> classes = new LinkedHashMap<>();
        for (int k = 0; k < mine.length; k++) {
            if (Double.isNaN(mine[k]) || Double.isNaN(theirs[k])) continue;
            int cls = k;
            String label = k < labels.size() ? labels.get(k) : "class " + k;
            paired(classes, label, bootstrap, n, t -> seg.classIoU(t, cls), t -> reference.seg.classIoU(t, cls));
        }
        return classes;
    }

    /** The mean of per-image values of a resample (image i counted times[i] times). */
    private static double mean(double[] values, int[] times) {
        double sum = 0, count = 0;
        for (int i = 0; i < times.length; i++) {
            sum += times[i] * values[i];
            count += times[i];
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static void paired(Map<String, Object> into, String key, SceneBootstrap bootstrap, int n,
                               ToDoubleFunction<int[]> mine, ToDoubleFunction<int[]> theirs) {
        int[] all = new int[n];
        Arrays.fill(all, 1);
        into.put(key, mine.applyAsDouble(all) - theirs.applyAsDouble(all));
        into.put(key + Evaluation.INTERVAL_SUFFIX, bootstrap.interval(n, t -> mine.applyAsDouble(t) - theirs.applyAsDouble(t)).bounds());
    }

    private static Map<String, Object> semseg(SegmentationSceneScores scores, EvalIntervals intervals) {
        SegmentationMetrics m = scores.pooled();
        return intervals.section("semseg")
                .bootstrap("mIoU", m.meanIoU(), scores.meanIoUInterval(intervals.bootstrap()))
                .t("pixelAccuracy", m.pixelAccuracy(), scores.pixelAccuracyInterval(intervals.level()))
                .plain("classIoU", m.classIoU())
                .map();
    }

    private static Map<String, Object> depth(DepthSceneScores scores, EvalIntervals intervals) {
        DepthMetrics m = scores.pooled();
        double level = intervals.level();
        return intervals.section("depth")
                .bootstrap("rmse", m.rmse(), scores.rmseInterval(intervals.bootstrap()))
                .t("absRel", m.absRel(), scores.absRelInterval(level))
                .t("delta1", m.delta1(), scores.delta1Interval(level))
                .t("absRelMedianScaled", scores.scaleInvariant().medianScaledAbsRel(), scores.medianScaledAbsRelInterval(level))
                .t("siLog", scores.scaleInvariant().siLog(), scores.siLogInterval(level))
                .map();
    }

    private static Map<String, Object> normals(NormalSceneScores scores, EvalIntervals intervals) {
        NormalMetrics m = scores.pooled();
        double level = intervals.level();
        return intervals.section("normals")
                .t("meanAngleDeg", m.meanDegrees(), scores.meanInterval(level))
                .bootstrap("medianAngleDeg", m.medianDegrees(), scores.medianInterval(intervals.bootstrap()))
                .t("within11_25", m.within11(), scores.withinInterval(11.25, level))
                .t("within22_5", m.within22(), scores.withinInterval(22.5, level))
                .t("within30", m.within30(), scores.withinInterval(30, level))
                .map();
    }
}
