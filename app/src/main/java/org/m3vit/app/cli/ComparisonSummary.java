package org.m3vit.app.cli;

import org.m3vit.model.train.Evaluation;
import org.m3vit.model.train.ModelComparison;
import org.m3vit.model.train.ModelComparisonReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** The text {@code m3vit eval --against} prints: both models, every metric side by side, and each change with its paired interval and verdict. */
final class ComparisonSummary {

    private ComparisonSummary() { }

    /** One line per model, then the metrics table: model, reference, change (paired 95%), significant or not. */
    static String of(ModelComparisonReport r) {
        List<String> lines = new ArrayList<>();
        lines.add(r.model().name() + " against " + r.reference().name() + " on the same " + r.scenes() + " scenes from seed " + r.firstSeed());
        lines.add(side("model", r.model()));
        lines.add(side("reference", r.reference()));
        lines.add(String.format(Locale.ROOT, "  %-30s %-24s %-24s %-32s %s", "metric (95% interval)", "model", "reference",
                "change (paired 95% interval)", "significant"));
        for (String[] m : ArithmeticSummary.METRICS) {
            Map<String, Object> change = r.changes().get(m[0]);
            if (change == null || !change.containsKey(m[1])) continue;
            Object verdict = change.get(m[1] + ModelComparison.SIGNIFICANT_SUFFIX);
            lines.add(String.format(Locale.ROOT, "  %-30s %-24s %-24s %-32s %s", m[2], EvalSummary.m(r.model().metrics().get(m[0]), m[1]),
                    EvalSummary.m(r.reference().metrics().get(m[0]), m[1]), ArithmeticSummary.signed(change, m[1]),
                    Boolean.TRUE.equals(verdict) ? "yes" : "no"));
        }
        if (r.changes().get("semseg") != null && r.changes().get("semseg").get("classIoU") instanceof Map<?, ?> classes && !classes.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "  %-30s %-32s %s", "class IoU", "change (paired 95% interval)", "significant"));
            @SuppressWarnings("unchecked")
            Map<String, Object> perClass = (Map<String, Object>) classes;
            for (String label : perClass.keySet()) {
                if (label.endsWith(Evaluation.INTERVAL_SUFFIX) || label.endsWith(ModelComparison.SIGNIFICANT_SUFFIX)) continue;
                lines.add(String.format(Locale.ROOT, "  %-30s %-32s %s", label, ArithmeticSummary.signed(perClass, label),
                        Boolean.TRUE.equals(perClass.get(label + ModelComparison.SIGNIFICANT_SUFFIX)) ? "yes" : "no"));
            }
        }
        lines.add("  significant: the paired interval of the change excludes zero (both models on the same scenes, 1000 bootstrap resamples)");
        return String.join(System.lineSeparator(), lines);
    }

    private static String side(String role, ModelComparisonReport.Side s) {
        StringJoiner macs = new StringJoiner(", ");
        s.macsPerTask().forEach((task, v) -> macs.add(String.format(Locale.ROOT, "%s %.3f", task, v / 1e9)));
        return String.format(Locale.ROOT, "  %-9s %s (%s): %,d parameters; GMAC per single-task inference: %s", role, s.name(), s.provenance(),
                s.parameters(), macs);
    }
}
