package org.m3vit.app.cli;

import org.m3vit.model.board.ArithmeticReport;
import org.m3vit.model.board.LayerErrors;
import org.m3vit.model.board.RoutingChanges;
import org.m3vit.model.board.WeightReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The text {@code m3vit eval --compare-float} prints: what the emulated arithmetic changed, layer by layer, in the outputs, the routing and the metrics. */
final class ArithmeticSummary {

    /** The metrics shown side by side: task section, key, label. */
    static final String[][] METRICS = {
            {"semseg", "mIoU", "semseg mIoU"}, {"semseg", "pixelAccuracy", "semseg pixel accuracy"},
            {"depth", "absRel", "depth absRel"}, {"depth", "rmse", "depth RMSE (m)"}, {"depth", "delta1", "depth d<1.25"},
            {"depth", "absRelMedianScaled", "depth median-scaled absRel"}, {"depth", "siLog", "depth SILog"},
            {"normals", "meanAngleDeg", "normals mean (deg)"}, {"normals", "medianAngleDeg", "normals median (deg)"},
            {"normals", "within11_25", "normals within 11.25 deg (%)"}, {"normals", "within30", "normals within 30 deg (%)"}};

    private ArithmeticSummary() { }

    /** The model and arithmetic, the weights out of range, the per-layer table, output and routing changes, and the metrics table. */
    static String of(ArithmeticReport r) {
        List<String> lines = new ArrayList<>();
        lines.add(r.model() + " on " + r.scenes() + " scenes: backbone in " + r.arithmetic() + " arithmetic (" + r.description()
                + "), heads float32, against float32");
        if (r.weightsOutOfRange().isEmpty()) {
            lines.add(String.format(Locale.ROOT, "  all %d converted weights lie inside their formats", r.weightsConverted()));
        }
        for (WeightReport.Entry e : r.weightsOutOfRange()) {
            lines.add(String.format(Locale.ROOT, "  WRAPPED: %d of %d values of %s outside %s (largest |value| %.4g)", e.outOfRange(), e.values(),
                    e.tensor(), e.format(), e.maxAbs()));
        }
        lines.add(String.format(Locale.ROOT, "  per-layer reference: the float emulation, max |difference| to the DJL backbone %.2g", r.referenceMaxAbsDifference()));
        lines.add("  layer              max |error|  mean |error|  activation RMS  wrapped values");
        for (LayerErrors.Row row : r.layers()) {
            lines.add(String.format(Locale.ROOT, "  %-18s %11.5f  %12.6f  %14.3f  %d", row.layer(), row.maxAbsError(), row.meanAbsError(),
                    row.referenceRms(), row.wraps()));
        }
        lines.add("  outputs against float32: " + outputs(r.outputs()));
        lines.add("  tokens whose top-k experts change, per MoE block: " + routing(r.routing()));
        lines.add(String.format(Locale.ROOT, "  %-30s %-26s %-26s %s", "metric (95% interval)", "float32", r.arithmetic(), "change (paired 95%)"));
        Map<String, Map<String, Object>> a = r.metrics().get("float32"), b = r.metrics().get(r.arithmetic());
        for (String[] m : METRICS) {
            Map<String, Object> change = r.metricChanges().get(m[0]);
            lines.add(String.format(Locale.ROOT, "  %-30s %-26s %-26s %s", m[2], EvalSummary.m(a.get(m[0]), m[1]), EvalSummary.m(b.get(m[0]), m[1]),
                    change != null && change.containsKey(m[1]) ? signed(change, m[1]) : ""));
        }
        return String.join(System.lineSeparator(), lines);
    }

    private static String outputs(Map<String, Map<String, Object>> outputs) {
        StringJoiner j = new StringJoiner("; ");
        outputs.forEach((task, m) -> {
            switch (String.valueOf(m.get("kind"))) {
                case "segmentation" -> j.add(String.format(Locale.ROOT, "%s %.2f%% of pixels change class", task, 100 * number(m, "changedPixelShare")));
                case "depth" -> j.add(String.format(Locale.ROOT, "%s mean |delta| %.4f m (%.2f%% of the depth), largest %.3f m", task,
                        number(m, "meanAbsDeltaM"), 100 * number(m, "meanRelativeDelta"), number(m, "maxAbsDeltaM")));
                case "normals" -> j.add(String.format(Locale.ROOT, "%s mean %.2f deg between the normals, largest %.1f deg", task,
                        number(m, "meanAngleDeg"), number(m, "maxAngleDeg")));
                default -> j.add(String.format(Locale.ROOT, "%s mean |delta| %.4f", task, number(m, "meanAbsDelta")));
            }
        });
        return j.toString();
    }

    private static String routing(Map<String, List<RoutingChanges.Row>> routing) {
        if (routing.values().stream().allMatch(List::isEmpty)) return "no MoE blocks";
        StringJoiner j = new StringJoiner("; ");
        routing.forEach((task, rows) -> {
            StringJoiner blocks = new StringJoiner(" / ");
            for (RoutingChanges.Row row : rows) blocks.add(String.format(Locale.ROOT, "%.1f", 100 * row.topKChangedShare()));
            j.add(task + " " + blocks + " %");
        });
        return j.toString();
    }

    /** "+0.0012 [-0.0004, 0.0030]". */
    static String signed(Map<String, Object> m, String key) {
        String text = String.format(Locale.ROOT, "%+.4f", number(m, key));
        return m.get(key + "_ci95") instanceof double[] ci && ci.length == 2
                ? text + String.format(Locale.ROOT, " [%+.4f, %+.4f]", ci[0], ci[1]) : text;
    }

    private static double number(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
