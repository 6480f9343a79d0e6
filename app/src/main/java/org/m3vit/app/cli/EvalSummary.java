package org.m3vit.app.cli;

import org.m3vit.model.train.Evaluation;

import java.util.Locale;
import java.util.Map;

/** The text {@code m3vit eval} prints: each headline metric with its 95% interval over scenes in brackets. */
final class EvalSummary {

    private EvalSummary() { }

    /** Four lines: the model and scenes, then semseg, depth and normals. */
    static String of(Evaluation e) {
        Map<String, Object> s = e.semseg(), d = e.depth(), n = e.normals();
        return String.join(System.lineSeparator(),
                e.model() + " on " + e.scenes() + " scenes (95% interval over scenes in brackets)",
                "  semseg:  mIoU " + m(s, "mIoU") + ", pixel acc " + m(s, "pixelAccuracy"),
                "  depth:   absRel " + m(d, "absRel") + ", RMSE " + m(d, "rmse") + " m, d<1.25 " + m(d, "delta1")
                        + ", median-scaled absRel " + m(d, "absRelMedianScaled") + ", SILog " + m(d, "siLog"),
                "  normals: mean " + m(n, "meanAngleDeg") + " deg, median " + m(n, "medianAngleDeg") + " deg, within 11.25/22.5/30 deg "
                        + m(n, "within11_25") + " / " + m(n, "within22_5") + " / " + m(n, "within30") + " %");
    }

    /** "0.612 [0.598, 0.627]", or "n/a" for a metric the model has no task for. */
    private static String m(Map<String, Object> task, String key) {
        Object value = task.get(key);
        if (!(value instanceof Number v)) return "n/a";
        String text = f(v.doubleValue());
        return task.get(key + Evaluation.INTERVAL_SUFFIX) instanceof double[] ci && ci.length == 2
                ? text + " [" + f(ci[0]) + ", " + f(ci[1]) + "]" : text;
    }

    private static String f(double v) { return String.format(Locale.ROOT, "%.3f", v); }
}
