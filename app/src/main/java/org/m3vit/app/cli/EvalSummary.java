package org.m3vit.app.cli;

import org.m3vit.model.train.Evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.Map;

/** The text {@code m3vit eval} prints: each headline metric with its 95% interval over scenes in brackets. */
final class EvalSummary {

    private EvalSummary() { }

    /** Four lines (the model and scenes, then semseg, depth and normals) and one per task on its experts' specialisation. */
    static String of(Evaluation e) {
        List<String> lines = new ArrayList<>(List.of(metrics(e)));
        if (e.experts() != null) e.experts().forEach((task, rows) -> lines.add(specialisation(task, rows)));
        return String.join(System.lineSeparator(), lines);
    }

    /**
     * "  experts of semseg's gates, share of each property's entropy that the expert tells, per MoE block:
     * class 12/15/.. %, depth range .., normal direction .."
     */
    private static String specialisation(String task, List<Map<String, Object>> rows) {
        StringJoiner tables = new StringJoiner(", ", "  experts of " + task + "'s gates (share of the property told by the expert,"
                + " per MoE block): ", "");
        for (String[] table : new String[][] {{"classes", "class"}, {"depthRanges", "depth range"}, {"normalDirections", "normal direction"}}) {
            StringJoiner perBlock = new StringJoiner("/", table[1] + " ", " %");
            for (Map<String, Object> row : rows) {
                Object u = row.get(table[0]) instanceof Map<?, ?> m ? m.get("uncertaintyCoefficient") : null;
                perBlock.add(u instanceof Number v ? String.format(Locale.ROOT, "%.0f", 100 * v.doubleValue()) : "n/a");
            }
            tables.add(perBlock.toString());
        }
        return tables.toString();
    }

    private static String[] metrics(Evaluation e) {
        Map<String, Object> s = e.semseg(), d = e.depth(), n = e.normals();
        return new String[] {
                e.model() + " on " + e.scenes() + " scenes" + (Evaluation.FLOAT32.equals(e.arithmetic()) || e.arithmetic() == null ? ""
                        : ", backbone in " + e.arithmetic() + " arithmetic") + " (95% interval over scenes in brackets)",
                "  semseg:  mIoU " + m(s, "mIoU") + ", pixel acc " + m(s, "pixelAccuracy"),
                "  depth:   absRel " + m(d, "absRel") + ", RMSE " + m(d, "rmse") + " m, d<1.25 " + m(d, "delta1")
                        + ", median-scaled absRel " + m(d, "absRelMedianScaled") + ", SILog " + m(d, "siLog"),
                "  normals: mean " + m(n, "meanAngleDeg") + " deg, median " + m(n, "medianAngleDeg") + " deg, within 11.25/22.5/30 deg "
                        + m(n, "within11_25") + " / " + m(n, "within22_5") + " / " + m(n, "within30") + " %"};
    }

    /** "0.612 [0.598, 0.627]", or "n/a" for a metric the model has no task for. */
    static String m(Map<String, Object> task, String key) {
        Object value = task.get(key);
        if (!(value instanceof Number v)) return "n/a";
        String text = f(v.doubleValue());
        return task.get(key + Evaluation.INTERVAL_SUFFIX) instanceof double[] ci && ci.length == 2
                ? text + " [" + f(ci[0]) + ", " + f(ci[1]) + "]" : text;
    }

    private static String f(double v) { return String.format(Locale.ROOT, "%.3f", v); }
}
