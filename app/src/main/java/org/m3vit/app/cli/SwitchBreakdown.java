package org.m3vit.app.cli;

import org.m3vit.app.viewmodel.SwitchTimings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The task-switch breakdown table of {@code screenshots}: per span the median (min-max) over the switches of each kind. */
final class SwitchBreakdown {

    private SwitchBreakdown() { }

    /** Median of {@code v} (NaN when empty). */
    static double median(List<Double> v) {
        return org.m3vit.model.SampleStats.median(v);
    }

    /** "12.3 (10.1-15.0)": median, min and max of {@code v} in ms. */
    static String cell(List<Double> v) {
        if (v.isEmpty()) return "-";
        double min = v.stream().mapToDouble(d -> d).min().orElse(0), max = v.stream().mapToDouble(d -> d).max().orElse(0);
        return String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", median(v), min, max);
    }

    /**
     * A text table: one row per span that any switch had (in first-seen order, "total" last), one
     * column per kind of switch ({@code titles[i]} over {@code kinds.get(i)}); a span a switch did not
     * have counts 0 for it. Worker spans are marked "(worker)".
     */
    static String table(List<String> titles, List<List<SwitchTimings>> kinds) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> worker = new LinkedHashSet<>();
        for (List<SwitchTimings> k : kinds) {
            for (SwitchTimings t : k) {
                for (SwitchTimings.Span s : t.spans()) {
                    if (!s.name().equals(SwitchTimings.OTHER)) names.add(s.name());
                    if (s.worker()) worker.add(s.name());
                }
            }
        }
        names.add(SwitchTimings.OTHER);
        List<String[]> rows = new ArrayList<>();
        String[] head = new String[titles.size() + 1];
        head[0] = "span (ms: median (min-max))";
        for (int i = 0; i < titles.size(); i++) head[i + 1] = titles.get(i);
        rows.add(head);
        for (String n : names) {
            String[] r = new String[titles.size() + 1];
            r[0] = n + (worker.contains(n) ? " (worker)" : "");
            for (int i = 0; i < kinds.size(); i++) r[i + 1] = cell(kinds.get(i).stream().map(t -> t.ms(n)).toList());
            rows.add(r);
        }
        String[] total = new String[titles.size() + 1];
        total[0] = "total: key -> output laid out";
        for (int i = 0; i < kinds.size(); i++) total[i + 1] = cell(kinds.get(i).stream().map(SwitchTimings::totalMs).toList());
        rows.add(total);
        int[] width = new int[head.length];
        for (String[] r : rows) for (int c = 0; c < r.length; c++) width[c] = Math.max(width[c], r[c].length());
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                if (c > 0) line.append("  ");
                line.append(c == 0 ? pad(r[c], width[c]) : padLeft(r[c], width[c]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String pad(String s, int w) { return s + " ".repeat(w - s.length()); }

    private static String padLeft(String s, int w) { return " ".repeat(w - s.length()) + s; }
}
