package org.m3vit.hw.panel;

import org.m3vit.hw.sim.SimEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * What to draw for one lane at the current zoom: only the events in the visible range, and
 * runs of events narrower than a pixel merged into one bar (so ~10^5 events draw as at most
 * a few bars per pixel column).
 */
public final class LaneBars {

    /** One bar to draw: pixel extent, the first event it covers and how many events it merges. */
    public record Bar(double x0, double x1, SimEvent first, SimEvent last, int count) {
        /** True when the bar stands for more than one event. */
        public boolean merged() { return count > 1; }
    }

    private LaneBars() { }

    /**
     * Bars of {@code events} (one lane, sorted by start, not overlapping) within {@code axis}
     * on a plot {@code width} px wide; events narrower than {@code minPx} are merged with their
     * neighbours while the merged bar stays within one {@code minPx} step.
     */
    public static List<Bar> of(List<SimEvent> events, TimeAxis axis, double width, double minPx) {
        List<Bar> bars = new ArrayList<>();
        int i = firstVisible(events, axis.start());
        double from = axis.start(), to = axis.end();
        Bar open = null;
        for (; i < events.size(); i++) {
            SimEvent e = events.get(i);
            if (e.startCycle() > to) break;
            if (e.endCycle() < from) continue;
            double x0 = axis.x(e.startCycle(), width);
            double x1 = axis.x(e.endCycle(), width);
            boolean thin = x1 - x0 < minPx;
            if (open != null && thin && x1 - open.x0() < minPx && x0 - open.x1() < minPx) {
                open = new Bar(open.x0(), Math.max(open.x1(), x1), open.first(), e, open.count() + 1);
                continue;
            }
            if (open != null) bars.add(open);
            open = new Bar(x0, x1, e, e, 1);
            if (!thin) {
                bars.add(open);
                open = null;
            }
        }
        if (open != null) bars.add(open);
        return bars;
    }

    /** Index of the first event ending at or after {@code cycle} (binary search on the end). */
    static int firstVisible(List<SimEvent> events, double cycle) {
        int lo = 0, hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events.get(mid).endCycle() < cycle) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** The event of {@code events} (sorted, one lane) covering {@code cycle}, or null. */
    public static SimEvent at(List<SimEvent> events, double cycle) {
        int i = firstVisible(events, cycle);
        if (i < events.size() && events.get(i).startCycle() <= cycle) return events.get(i);
        return null;
    }
}
