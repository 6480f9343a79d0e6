package org.m3vit.hw.panel;

import org.m3vit.hw.sim.Lane;
import org.m3vit.hw.sim.SimEvent;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.model.RoutingTrace;

/**
 * Where the explorer's routing animation is on the hardware timeline: its MoE layer maps to
 * that block's MoE work (gating to the last expert event) of one inference, its phase to a
 * point inside it; at that point, the expert whose weights are loading and the one computing.
 *
 * @param cycle      cursor position
 * @param fromCycle  start of the layer's MoE work
 * @param toCycle    end of the layer's MoE work
 * @param loading    expert whose weights the weight port is loading at the cursor (or loaded last), -1 for none
 * @param computing  expert on the linear unit at the cursor (or last), -1 for none
 * @param loadingEvent   index of that load event, -1 for none
 * @param computingEvent index of that computation event, -1 for none
 * @param inference      the inference the cursor is in
 * @param token          the explorer's selected token, -1 for none
 * @param tokenExperts   the experts the selected token is routed to in this layer (empty without a token)
 */
public record AnimationCursor(String layer, double cycle, double fromCycle, double toCycle, int loading, int computing,
                              int loadingEvent, int computingEvent, int inference, int token, int[] tokenExperts) {

    /** True if the selected token is routed to {@code expert} in this layer. */
    public boolean tokenUses(int expert) {
        for (int e : tokenExperts) if (e == expert) return true;
        return false;
    }

    /**
     * The cursor for animation {@code position} (whole part = index into the trace's MoE layers,
     * fraction = progress) on inference {@code inference} of {@code r}; null when that layer has no MoE events.
     */
    public static AnimationCursor locate(SimResult r, int inference, RoutingTrace trace, double position) {
        return locate(r, inference, trace, position, -1);
    }

    /** As {@link #locate(SimResult, int, RoutingTrace, double)}, also naming the experts token {@code token} goes to (-1: none). */
    public static AnimationCursor locate(SimResult r, int inference, RoutingTrace trace, double position, int token) {
        if (trace == null || trace.layers().isEmpty() || position < 0) return null;
        int pos = Math.min(trace.layers().size() - 1, (int) Math.floor(position));
        double phase = Math.max(0, Math.min(1, position - Math.floor(position)));
        String layer = "block " + trace.layers().get(pos).block();
        double from = Double.POSITIVE_INFINITY, to = Double.NEGATIVE_INFINITY, gating = Double.NaN;
        for (SimEvent e : r.events()) {
            if (e.inference() != inference || !e.layer().equals(layer) || !isMoe(e)) continue;
            from = Math.min(from, e.startCycle());
            to = Math.max(to, e.endCycle());
            if (e.lane() == Lane.GATING) gating = e.startCycle();
        }
        if (!Double.isNaN(gating)) from = gating; // weights prefetched during attention do not start the layer's MoE work
        if (from > to) return null;
        double cycle = from + phase * (to - from);
        SimEvent load = eventAt(r, Lane.WEIGHT_DDR, inference, layer, cycle);
        SimEvent comp = eventAt(r, Lane.LINEAR, inference, layer, cycle);
        int[][] routed = trace.layers().get(pos).experts();
        int[] tokenExperts = token >= 0 && token < routed.length ? routed[token].clone() : new int[0];
        return new AnimationCursor(layer, cycle, from, to, load == null ? -1 : load.expert(), comp == null ? -1 : comp.expert(),
                load == null ? -1 : load.index(), comp == null ? -1 : comp.index(), inference, tokenExperts.length == 0 ? -1 : token,
                tokenExperts);
    }

    private static boolean isMoe(SimEvent e) {
        return e.expert() >= 0 || e.op().startsWith("gate") || e.op().equals("gating");
    }

    /** The expert event on {@code lane} running at {@code cycle}, else the last one that started before it, or null. */
    private static SimEvent eventAt(SimResult r, Lane lane, int inference, String layer, double cycle) {
        SimEvent best = null;
        for (SimEvent e : r.events()) {
            if (e.lane() != lane || e.inference() != inference || !e.layer().equals(layer) || e.expert() < 0) continue;
            if (e.startCycle() <= cycle && (best == null || e.startCycle() > best.startCycle())) best = e;
        }
        return best;
    }
}
