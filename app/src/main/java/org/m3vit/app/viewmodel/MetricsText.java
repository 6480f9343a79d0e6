package org.m3vit.app.viewmodel;

import org.m3vit.model.TaskOutput;
import org.m3vit.model.metrics.DepthMetrics;
import org.m3vit.model.metrics.NormalMetrics;
import org.m3vit.model.metrics.SegmentationMetrics;
import org.m3vit.visualizer.output.GroundTruth;

import java.util.Locale;

/** The per-image metrics line shown under an output when ground truth exists (the model's metric classes do the maths). */
public final class MetricsText {

    private MetricsText() { }

    /** Metrics of {@code out} against {@code gt}, or null when the truth has nothing for this task. */
    public static String of(TaskOutput out, GroundTruth gt) {
        if (gt == null) return null;
        switch (out.task().kind()) {
            case SEGMENTATION -> {
                if (gt.classes() == null) return null;
                SegmentationMetrics m = new SegmentationMetrics(out.channels(), -1);
                m.add(out.classMap(), gt.classes());
                return String.format(Locale.ROOT, "This image: pixel accuracy %.1f%%, mean IoU %.3f over the %d classes present.",
                        100 * m.pixelAccuracy(), m.meanIoU(), m.classesPresent());
            }
            case DEPTH -> {
                if (gt.depth() == null) return null;
                DepthMetrics m = new DepthMetrics();
                m.add(out.plane(0), gt.depth());
                return String.format(Locale.ROOT, "This image: RMSE %.3f m, abs rel %.3f, δ<1.25 %.1f%% (%d pixels with depth).",
                        m.rmse(), m.absRel(), 100 * m.delta1(), m.pixels());
            }
            case NORMALS -> {
                if (gt.normals() == null) return null;
                NormalMetrics m = new NormalMetrics();
                m.add(out.unitNormals(), gt.normals());
                return String.format(Locale.ROOT, "This image: mean angle error %.1f°, median %.1f°, %.1f%% within 11.25°.",
                        m.meanDegrees(), m.medianDegrees(), m.within11());
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * The headline metrics of {@code before} and {@code after} (the same task on the same image)
     * against {@code gt}, e.g. "mean IoU 0.412 → 0.377 (−0.035), pixel accuracy 71.2 % → 68.0 %";
     * null when the truth has nothing for this task.
     */
    public static String change(TaskOutput before, TaskOutput after, GroundTruth gt) {
        if (gt == null) return null;
        switch (before.task().kind()) {
            case SEGMENTATION -> {
                if (gt.classes() == null) return null;
                SegmentationMetrics a = new SegmentationMetrics(before.channels(), -1), b = new SegmentationMetrics(after.channels(), -1);
                a.add(before.classMap(), gt.classes());
                b.add(after.classMap(), gt.classes());
                return String.format(Locale.ROOT, "Against the ground truth: mean IoU %.3f → %.3f (%+.3f), pixel accuracy %.1f %% → %.1f %%.",
                        a.meanIoU(), b.meanIoU(), b.meanIoU() - a.meanIoU(), 100 * a.pixelAccuracy(), 100 * b.pixelAccuracy());
            }
            case DEPTH -> {
                if (gt.depth() == null) return null;
                DepthMetrics a = new DepthMetrics(), b = new DepthMetrics();
                a.add(before.plane(0), gt.depth());
                b.add(after.plane(0), gt.depth());
                return String.format(Locale.ROOT, "Against the ground truth: abs rel %.3f → %.3f (%+.3f), RMSE %.3f → %.3f m.",
                        a.absRel(), b.absRel(), b.absRel() - a.absRel(), a.rmse(), b.rmse());
            }
            case NORMALS -> {
                if (gt.normals() == null) return null;
                NormalMetrics a = new NormalMetrics(), b = new NormalMetrics();
                a.add(before.unitNormals(), gt.normals());
                b.add(after.unitNormals(), gt.normals());
                return String.format(Locale.ROOT, "Against the ground truth: mean angle error %.1f° → %.1f° (%+.1f°), within 11.25° %.1f %% → %.1f %%.",
                        a.meanDegrees(), b.meanDegrees(), b.meanDegrees() - a.meanDegrees(), a.within11(), b.within11());
            }
            default -> {
                return null;
            }
        }
    }
}
