package org.m3vit.app.teach;

import org.m3vit.hw.panel.SimRuns;
import org.m3vit.hw.panel.SummaryText;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.model.LayerRouting;
import org.m3vit.model.MacCount;
import org.m3vit.model.ModelConfig;
import org.m3vit.model.RoutingTrace;
import org.m3vit.model.metrics.RoutingStats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The captions of the slides: for each view what it shows (model, image, task, MoE layer and block)
 * and its numbers, counted from the routing trace itself, so a caption never disagrees with its
 * picture.
 */
public final class SlideCaptions {

    /**
     * What every caption names.
     *
     * @param model the model, e.g. "m3vit-synth (trained)"
     * @param image the image's file name
     */
    public record Context(String model, String image) { }

    private SlideCaptions() { }

    /** The input view. */
    public static String input(Context c, ModelConfig cfg, String fit) {
        String s = String.format(Locale.ROOT, "Input: %s as %s sees it, %dx%d pixels cut into %d x %d patches of %dx%d (%d tokens plus the cls token).",
                c.image(), c.model(), cfg.imageWidth(), cfg.imageHeight(), cfg.gridHeight(), cfg.gridWidth(), cfg.patchSize(), cfg.patchSize(),
                cfg.numPatches());
        return fit == null || fit.isBlank() ? s : s + " " + sentence(fit);
    }

    /** The outputs view, showing {@code tasks} with their per-image metrics lines (null where there is no ground truth). */
    public static String outputs(Context c, List<String> tasks, List<String> metrics) {
        StringBuilder b = new StringBuilder(tasks.size() == 1 ? "Output of task " + tasks.get(0) : "Outputs of the tasks " + String.join(", ", tasks));
        b.append(" by ").append(c.model()).append(" on ").append(c.image()).append('.');
        boolean any = false;
        for (int i = 0; i < tasks.size(); i++) {
            String m = i < metrics.size() ? metrics.get(i) : null;
            if (m == null) continue;
            any = true;
            b.append(' ').append(tasks.size() == 1 ? m : tasks.get(i) + ": " + lowerFirst(m));
        }
        if (!any) b.append(" No ground truth lies beside the image, so there are no metrics.");
        return b.toString();
    }

    /** The patches view at MoE layer {@code layer} (its position in the trace). */
    public static String patches(Context c, RoutingTrace t, int layer) {
        LayerRouting l = t.layers().get(layer);
        int[] first = new int[t.numExperts()];
        for (int tok = 1; tok < l.numTokens(); tok++) first[l.experts()[tok][0]]++;
        int used = 0;
        for (int n : first) if (n > 0) used++;
        String share = used == t.numExperts() ? "all " + used + " experts are a first choice" : used + " of the " + t.numExperts() + " experts are a first choice";
        return String.format(Locale.ROOT, "Routing, patches: %s on %s, task %s, %s. Each patch has the colour of the expert its"
                        + " gate picks first: %s, most often %s.",
                c.model(), c.image(), t.task(), where(t, layer), share, busiest(first, 3, l.numTokens() - 1, "patches"));
    }

    /** The flow view at MoE layer {@code layer}. */
    public static String flow(Context c, RoutingTrace t, int layer) {
        LayerRouting l = t.layers().get(layer);
        int[] load = l.tokensPerExpert();
        int lit = 0;
        for (int n : load) if (n > 0) lit++;
        String run = lit == t.numExperts() ? "all " + lit + " experts receive tokens and run"
                : lit + " experts receive tokens and run, " + (t.numExperts() - lit) + " stay dark (their weights are not read for this task)";
        return String.format(Locale.ROOT, "Routing, flow: %s on %s, task %s, %s. Every token (%d patches and cls) travels to its top-%d of"
                        + " %d experts, dot size = gate weight: %s. Busiest: %s.",
                c.model(), c.image(), t.task(), where(t, layer), l.numTokens() - 1, t.topK(), t.numExperts(), run,
                busiest(load, 2, l.numTokens() * t.topK(), "assignments"));
    }

    /** The usage view (all MoE layers). */
    public static String usage(Context c, RoutingTrace t) {
        List<String> active = new ArrayList<>();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        int loBlock = -1, hiBlock = -1;
        for (LayerRouting l : t.layers()) {
            int[] load = l.tokensPerExpert();
            int n = 0;
            long[] counts = new long[load.length];
            for (int e = 0; e < load.length; e++) {
                if (load[e] > 0) n++;
                counts[e] = load[e];
            }
            active.add(Integer.toString(n));
            double cv2 = new RoutingStats.LayerUsage(l.block(), counts).cv2();
            if (cv2 < lo) { lo = cv2; loBlock = l.block(); }
            if (cv2 > hi) { hi = cv2; hiBlock = l.block(); }
        }
        MacCount m = t.macs();
        return String.format(Locale.ROOT, "Routing, usage: %s on %s, task %s: tokens per expert in each of the %d MoE layers. Experts"
                        + " receiving tokens per layer: %s of %d; load balance cv² from %.2f (block %d) to %.2f (block %d), 0 = even."
                        + " The pass executed %s MACs, %.0f %% fewer than running all experts on every token (%s).",
                c.model(), c.image(), t.task(), t.layers().size(), String.join(", ", active), t.numExperts(), lo, loBlock, hi, hiBlock,
                macs(m.executed()), 100 * m.savingVersusDense(), macs(m.denseAllExperts()));
    }

    /** The compare view: tasks {@code a} and {@code b} at MoE layer {@code layer}. */
    public static String compare(Context c, RoutingTrace a, RoutingTrace b, int layer) {
        if (b == null) return String.format(Locale.ROOT, "Routing, compare: %s on %s, task %s; no second task was computed to compare with.",
                c.model(), c.image(), a.task());
        LayerRouting la = a.layers().get(layer), lb = b.layerForBlock(la.block());
        int changed = 0;
        for (int tok = 1; tok < la.numTokens(); tok++) if (la.experts()[tok][0] != lb.experts()[tok][0]) changed++;
        return String.format(Locale.ROOT, "Routing, compare: %s on %s, tasks %s and %s share the experts, only their gates differ. At %s,"
                        + " %d of the %d patches (%.0f %%) go first to another expert.",
                c.model(), c.image(), a.task(), b.task(), where(a, layer), changed, la.numTokens() - 1,
                100.0 * changed / Math.max(1, la.numTokens() - 1));
    }

    /** The hardware view: the simulation on screen ({@code runs}, null for none) and its summary rows (latency, DDR traffic, on-chip memory are used). */
    public static String hardware(Context c, SimRuns runs, List<SummaryText.Row> rows) {
        if (runs == null) return "Hardware: no simulation was on screen when the slide was taken.";
        SimResult r = runs.primary();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Hardware: the accelerator simulated (not measured) on the routing of"
                + " %s by %s, %s, %s schedule on %s%s.", c.image(), c.model(), runs.tasks().size() == 1 ? "task " + runs.tasks().get(0)
                : "task sequence " + String.join(" -> ", runs.tasks()), r.schedule().cliName(), r.hardware().name(), r.includeHeads() ? ", with task heads" : ""));
        for (SummaryText.Row row : rows) {
            if (row.label().equals("latency") || row.label().equals("DDR traffic") || row.label().equals("peak on-chip memory")) {
                b.append(' ').append(upperFirst(row.label())).append(": ").append(row.value()).append('.');
            }
        }
        return b.toString();
    }

    /** "MoE layer 2 of 6 (block 3)". */
    static String where(RoutingTrace t, int layer) {
        return "MoE layer " + (layer + 1) + " of " + t.layers().size() + " (block " + t.layers().get(layer).block() + ")";
    }

    /** The {@code n} largest counts as "E5 (31 of 80 patches), E2 (20), E9 (12)". */
    static String busiest(int[] counts, int n, int of, String unit) {
        List<Integer> order = new ArrayList<>();
        for (int e = 0; e < counts.length; e++) if (counts[e] > 0) order.add(e);
        order.sort((x, y) -> counts[y] != counts[x] ? Integer.compare(counts[y], counts[x]) : Integer.compare(x, y));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(n, order.size()); i++) {
            int e = order.get(i);
            if (i > 0) b.append(i == Math.min(n, order.size()) - 1 ? " and " : ", ");
            b.append('E').append(e).append(" (").append(counts[e]).append(i == 0 ? " of " + of + " " + unit : "").append(')');
        }
        return b.length() == 0 ? "none" : b.toString();
    }

    static String macs(long m) {
        return m >= 1e9 ? String.format(Locale.ROOT, "%.2f G", m / 1e9) : String.format(Locale.ROOT, "%.1f M", m / 1e6);
    }

    private static String sentence(String s) {
        String t = upperFirst(s.strip());
        return t.endsWith(".") ? t : t + ".";
    }

    private static String upperFirst(String s) {
        String t = s.strip();
        return t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
