package org.m3vit.hw.panel;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * The visible cycle range shared by the timeline and the memory chart: zoom about a point,
 * pan, and mapping between cycles and pixels. Never shows less than {@link #MIN_SPAN} cycles
 * nor more than the whole run.
 */
public final class TimeAxis {

    /** Smallest visible span in cycles. */
    public static final double MIN_SPAN = 50;

    private final DoubleProperty total = new SimpleDoubleProperty(this, "total", 1);
    private final DoubleProperty start = new SimpleDoubleProperty(this, "start", 0);
    private final DoubleProperty end = new SimpleDoubleProperty(this, "end", 1);

    /** Cycles of the whole run (the fully zoomed-out range is [0, total]). */
    public DoubleProperty totalProperty() { return total; }
    /** First visible cycle. */
    public DoubleProperty startProperty() { return start; }
    /** Last visible cycle. */
    public DoubleProperty endProperty() { return end; }

    public double start() { return start.get(); }
    public double end() { return end.get(); }
    public double span() { return end.get() - start.get(); }

    /** A new run of {@code cycles}: shows all of it. */
    public void reset(double cycles) {
        total.set(Math.max(1, cycles));
        set(0, total.get());
    }

    /** Keeps the visible range when the run length changes, clamped to the new length. */
    public void resize(double cycles) {
        boolean wasAll = start.get() <= 0 && end.get() >= total.get();
        total.set(Math.max(1, cycles));
        if (wasAll) set(0, total.get()); else set(start.get(), end.get());
    }

    /** Zooms by {@code factor} (< 1 zooms in) keeping {@code anchor} cycle at the same place. */
    public void zoom(double factor, double anchor) {
        double s = start.get(), e = end.get();
        double newSpan = Math.max(Math.min(MIN_SPAN, total.get()), Math.min(total.get(), (e - s) * factor));
        double t = (e - s) <= 0 ? 0 : (anchor - s) / (e - s);
        double ns = anchor - t * newSpan;
        set(ns, ns + newSpan);
    }

    /** Moves the visible range by {@code cycles} (positive = later), clamped to the run. */
    public void pan(double cycles) {
        set(start.get() + cycles, end.get() + cycles);
    }

    /** Shows [from, to], clamped to the run and to the minimum span. */
    public void set(double from, double to) {
        double tot = total.get();
        double span = Math.min(tot, Math.max(Math.min(MIN_SPAN, tot), to - from));
        double s = Math.max(0, Math.min(from, tot - span));
        start.set(s);
        end.set(s + span);
    }

    /** Pixel x of {@code cycle} on a plot {@code width} pixels wide. */
    public double x(double cycle, double width) { return (cycle - start.get()) / span() * width; }

    /** Cycle at pixel x on a plot {@code width} pixels wide. */
    public double cycle(double x, double width) { return start.get() + x / width * span(); }
}
