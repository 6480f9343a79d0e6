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
}
