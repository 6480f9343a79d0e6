package org.m3vit.hw.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a stretch of the timeline among the operations that occupied it, so that the rows sum to
 * its length: at every instant the time goes to the computation running then (the one ending last,
 * when two run side by side), else to the weight load running then (a load nothing hides), else to
 * "idle". Rows are grouped by inference, layer and op, in order of first appearance.
 */
public final class LatencyBreakdown {

    /** Op name of time when no event of the stretch runs. */
    public static final String IDLE = "idle";

    private LatencyBreakdown() { }

    /** The breakdown of one inference, from its first event's start to its last event's end (sums to its latency). */
    public static List<BreakdownRow> of(SimResult r, int inference) {
        InferenceSummary s = r.inferences().get(inference);
        List<SimEvent> own = r.events().stream().filter(e -> e.inference() == inference).toList();
        return over(r.hardware(), own, s.startCycle(), s.endCycle());
    }

    /** The breakdown of the whole sequence, from cycle 0 to the last event's end (sums to the total latency). */
    public static List<BreakdownRow> ofAll(SimResult r) {
        return over(r.hardware(), r.events(), 0, r.totals().cycles());
    }

    /** Sum of the rows' milliseconds. */
    public static double totalMs(List<BreakdownRow> rows) {
        double sum = 0;
        for (BreakdownRow row : rows) sum += row.ms();
        return sum;
    }

    /**
     * Milliseconds per operation class, summed over layers and inferences, in order of first appearance:
     * the op name without its head index (" h0"), weight chunk (" [0:384]") or task ("gate load (depth)").
     */
    public static Map<String, Double> msByOpClass(List<BreakdownRow> rows) {
        Map<String, Double> byClass = new LinkedHashMap<>();
        for (BreakdownRow row : rows) byClass.merge(opClass(row.op()), row.ms(), Double::sum);
        return byClass;
    }

    /** The class of an op name: see {@link #msByOpClass}. */
    static String opClass(String op) {
        return op.replaceAll(" h\\d+", "").replaceAll(" \\[\\d+:\\d+\\]", "").replaceAll("gate load \\([^)]*\\)", "gate load");
    }

    private static List<BreakdownRow> over(HardwareConfig hw, List<SimEvent> events, double from, double to) {
        List<SimEvent> timed = new ArrayList<>(events.size());
        for (SimEvent e : events) if (e.lane() != Lane.ACTIVATION_DDR && e.endCycle() > e.startCycle()) timed.add(e);
        double[] cuts = new double[2 * timed.size() + 2];
        int n = 0;
        cuts[n++] = from;
        cuts[n++] = to;
        for (SimEvent e : timed) {
            cuts[n++] = clamp(e.startCycle(), from, to);
            cuts[n++] = clamp(e.endCycle(), from, to);
        }
        Arrays.sort(cuts, 0, n);
        int m = 0;
        for (int i = 0; i < n; i++) if (m == 0 || cuts[i] > cuts[m - 1]) cuts[m++] = cuts[i];
        SimEvent[] owner = new SimEvent[Math.max(0, m - 1)];
        for (SimEvent e : timed) {
            int a = Arrays.binarySearch(cuts, 0, m, clamp(e.startCycle(), from, to));
            int b = Arrays.binarySearch(cuts, 0, m, clamp(e.endCycle(), from, to));
            for (int k = a; k < b; k++) if (owner[k] == null || outranks(e, owner[k])) owner[k] = e;
        }
        Map<String, double[]> cycles = new LinkedHashMap<>();
        Map<String, BreakdownRow> keys = new LinkedHashMap<>();
        for (int k = 0; k < owner.length; k++) {
            SimEvent e = owner[k];
            String op = e == null ? IDLE : e.lane() == Lane.WEIGHT_DDR ? e.op() + " (weights)" : e.op();
            String layer = e == null ? "" : e.layer();
            int inf = e == null ? -1 : e.inference();
            String key = inf + "\u0000" + layer + "\u0000" + op;
            keys.putIfAbsent(key, new BreakdownRow(inf, layer, op, 0, 0));
            cycles.computeIfAbsent(key, x -> new double[1])[0] += cuts[k + 1] - cuts[k];
        }
        List<BreakdownRow> rows = new ArrayList<>(keys.size());
        for (Map.Entry<String, BreakdownRow> en : keys.entrySet()) {
            BreakdownRow k = en.getValue();
            double c = cycles.get(en.getKey())[0];
            rows.add(new BreakdownRow(k.inference(), k.layer(), k.op(), c, hw.cyclesToMs(c)));
        }
        return rows;
    }

    /** A computation beats a load; of two computations, the one ending later (it is the one the next step waits for). */
    private static boolean outranks(SimEvent e, SimEvent current) {
        boolean eLoad = e.lane() == Lane.WEIGHT_DDR;
        boolean cLoad = current.lane() == Lane.WEIGHT_DDR;
        if (eLoad != cLoad) return cLoad;
        return e.endCycle() > current.endCycle();
    }

    private static double clamp(double v, double lo, double hi) { return Math.max(lo, Math.min(hi, v)); }
}
