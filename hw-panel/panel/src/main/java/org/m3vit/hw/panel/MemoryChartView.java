package org.m3vit.hw.panel;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.m3vit.hw.sim.BandwidthCurve;
import org.m3vit.hw.sim.HardwareConfig;
import org.m3vit.hw.sim.MemoryCurve;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.visualizer.view.CanvasRegion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * On-chip memory and DDR bandwidth on the timeline's axis: the top part stacks each buffer's
 * occupancy (peak per pixel column) under the device budget; the bottom part shows the DDR
 * bandwidth in use (weights and activations) against the DDR ceiling.
 */
public final class MemoryChartView extends CanvasRegion {

    private final javafx.beans.InvalidationListener redrawOnAxis = o -> requestDraw();

    private static final java.util.Map<String, Color> BUFFER_COLORS = java.util.Map.of(
            "ping", Color.web("#4e79a7"), "pong", Color.web("#76b7b2"), "resident experts", Color.web("#e15759"),
            "gate", Color.web("#f28e2b"), "norm params", Color.web("#b07aa1"), "queues", Color.web("#edc948"),
            "attention rows", Color.web("#59a14f"));
    private static final Color OTHER_BUFFER = Color.web("#9aa5b1");

    private final TimeAxis axis;
    private SimResult result;
    private long scaleBytes;
    private List<MemoryCurve> shown = List.of();
    private BandwidthCurve cachedBandwidth;
    private int cachedBins;
    private SimResult cachedFor;

    /** A chart drawn on {@code axis}. */
    public MemoryChartView(TimeAxis axis) {
        this.axis = axis;
        setMinHeight(70);
        setPrefHeight(150);
        // weak: the panel builds new views on every simulation; the shared axis must not keep the old ones alive
        axis.startProperty().addListener(new javafx.beans.WeakInvalidationListener(redrawOnAxis));
        axis.endProperty().addListener(new javafx.beans.WeakInvalidationListener(redrawOnAxis));
    }

    /** Shows {@code r}; {@code scale} is the memory axis' top in bytes (0: this run's own peak). */
    public void setResult(SimResult r, long scale) {
        result = r;
        scaleBytes = scale;
        shown = new ArrayList<>();
        if (r != null) for (MemoryCurve c : r.buffers()) if (c.peak() > 0) shown.add(c);
        requestDraw();
    }

    /** Buffers drawn, bottom to top of the stack. */
    public List<String> buffersShown() { return shown.stream().map(MemoryCurve::buffer).toList(); }

    /** The colour of a buffer, the same in every chart. */
    static Color bufferColor(String name) { return BUFFER_COLORS.getOrDefault(name, OTHER_BUFFER); }

    /** Draws again now (for benchmarks; the view redraws by itself on every change). */
    public void redraw() { drawNow(); }

    @Override
    protected void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = getWidth(), h = getHeight();
        g.setFill(PanelColors.BACKGROUND);
        g.fillRect(0, 0, w, h);
        double gx = TimelineView.GUTTER;
        if (w <= gx + 10 || h < 40 || result == null) return;
        double pw = w - gx;
        int cols = (int) Math.max(1, Math.round(pw));
        double memTop = 14, memH = (h - 18) * 0.62, bwTop = memTop + memH + 6, bwH = h - bwTop - 2;
        HardwareConfig hw = result.hardware();
        long scale = Math.max(1, scaleBytes > 0 ? scaleBytes : result.totals().peakOnChipBytes());
        long top = Math.max(scale, 1);
        g.setFont(font(10));
        g.setTextBaseline(VPos.CENTER);
        // stacked occupancy
        double[] base = new double[cols];
        for (int b = 0; b < shown.size(); b++) {
            long[] p = MemoryColumns.peaks(shown.get(b), axis.start(), axis.end(), cols);
            g.setFill(bufferColor(shown.get(b).buffer()));
            for (int c = 0; c < cols; c++) {
                if (p[c] == 0) continue;
                double y0 = memTop + memH - (base[c] + p[c]) / top * memH;
                double hh = p[c] / (double) top * memH;
                g.fillRect(gx + c, y0, 1.01, hh);
                base[c] += p[c];
            }
        }
        g.setStroke(PanelColors.BASELINE);
        g.strokeLine(gx, memTop + memH, w, memTop + memH);
        double budgetY = memTop + memH - hw.onChipBudgetBytes() / (double) top * memH;
        if (budgetY >= memTop) {
            dashedLine(g, PanelColors.BUDGET, gx, w, budgetY);
        }
        g.setFill(PanelColors.TEXT);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("on-chip", 6, memTop + 3);
        g.fillText(TimeFormat.bytes(top), 6, memTop + 20, gx - 10);
        double lx = gx + 4;
        for (int b = 0; b < shown.size(); b++) {
            String name = shown.get(b).buffer();
            g.setFill(bufferColor(name));
            g.fillRect(lx, 2, 8, 8);
            g.setFill(PanelColors.TEXT);
            g.fillText(name, lx + 11, 6);
            lx += 18 + name.length() * 5.6;
        }
        if (budgetY >= memTop) {
            g.setFill(PanelColors.BUDGET);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText("device budget " + TimeFormat.bytes(hw.onChipBudgetBytes()), w - 4, Math.max(memTop + 16, budgetY - 6));
        }
        // bandwidth
        double ceiling = hw.ddrPeakGBps() * hw.ddrEfficiency();
        int bins = (int) Math.min(50_000, Math.max(1, Math.ceil(cols * axis.totalProperty().get() / Math.max(1, axis.span()))));
        if (bins != cachedBins || cachedFor != result) {
            cachedBandwidth = result.bandwidth(bins);
            cachedBins = bins;
            cachedFor = result;
        }
        BandwidthCurve bw = cachedBandwidth;
        double yTop = ceiling * 1.15;
        double runEnd = result.totals().cycles();
        for (int c = 0; c < cols; c++) {
            double cyc = axis.cycle(c + 0.5, pw);
            if (cyc > runEnd) break;
            int bin = (int) Math.min(bw.bins() - 1, Math.max(0, Math.floor(cyc / bw.binCycles())));
            double wv = bw.weightGBps()[bin], av = bw.activationGBps()[bin];
            double yb = bwTop + bwH;
            double hw1 = Math.min(bwH, wv / yTop * bwH);
            double ha = Math.min(bwH - hw1, av / yTop * bwH);
            g.setFill(PanelColors.WEIGHT_TRAFFIC);
            g.fillRect(gx + c, yb - hw1, 1.01, hw1);
            g.setFill(PanelColors.ACTIVATION_TRAFFIC);
            g.fillRect(gx + c, yb - hw1 - ha, 1.01, ha);
        }
        double cy = bwTop + bwH - ceiling / yTop * bwH;
        dashedLine(g, PanelColors.AMBER, gx, w, cy);
        g.setFill(PanelColors.TEXT);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(String.format(Locale.ROOT, "DDR GB/s (max %.1f)", ceiling), 6, bwTop + 7, gx - 8);
        g.setFill(PanelColors.WEIGHT_TRAFFIC);
        g.fillRect(6, bwTop + 15, 8, 8);
        g.setFill(PanelColors.TEXT);
        g.fillText("weights", 17, bwTop + 19);
        g.setFill(PanelColors.ACTIVATION_TRAFFIC);
        g.fillRect(58, bwTop + 15, 8, 8);
        g.setFill(PanelColors.TEXT);
        g.fillText("activ.", 69, bwTop + 19);
    }

    /** A dashed horizontal line from x0 to x1 at height y (the on-chip budget, the DDR ceiling). */
    private static void dashedLine(GraphicsContext g, Color color, double x0, double x1, double y) {
        g.setStroke(color);
        g.setLineDashes(4, 3);
        g.strokeLine(x0, y, x1, y);
        g.setLineDashes();
    }
}
