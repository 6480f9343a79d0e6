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
import org.m3vit.model.metrics.SegmentationMetrics;
import org.m3vit.model.metrics.SegmentationSceneScores;

import java.util.Map;

/**
 * The eval's quality metrics of one model's outputs over rendered scenes: segmentation mIoU and
 * pixel accuracy, depth RMSE, absRel, delta &lt; 1.25 and the scale-invariant errors, normal angle
 * errors, each headline metric with its 95% interval over scenes ({@link EvalIntervals}).
 */
public final class QualityScores {

    /** The eval JSON's three metric maps and how their intervals were computed. */
    public record Quality(Map<String, Object> semseg, Map<String, Object> depth, Map<String, Object> normals,
                          Map<String, Object> intervals) { }

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
