package org.m3vit.hw.panel;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import org.m3vit.hw.sim.HardwareConfig;
import org.m3vit.hw.sim.Lane;
import org.m3vit.hw.sim.SimEvent;
import org.m3vit.hw.sim.SimResult;
import org.m3vit.visualizer.view.CanvasRegion;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Gantt chart of one simulation: one lane per unit, events coloured by operation and
 * expert, a time axis with round ticks, layer and task-switch markers in a band of their own, the
 * animation cursor with its caption under the lanes; Ctrl + mouse wheel zooms (a plain wheel scrolls
 * the page), dragging pans (both through the shared {@link TimeAxis}), hovering shows the event's
 * cycles, bytes and tokens.
 */
public final class TimelineView extends CanvasRegion {

    /** Lanes drawn, top to bottom. */
    public static final List<Lane> LANES = List.of(Lane.WEIGHT_DDR, Lane.ACTIVATION_DDR, Lane.LINEAR, Lane.ATTENTION, Lane.GATING, Lane.VECTOR);
    /** Width of the lane labels left of the plot, px. */
    public static final double GUTTER = 104;
    /** Height of the band above the lanes: time ticks on top, block and task-switch labels under them. */
    static final double AXIS = 30;
    /** Height of the band under the lanes that says what the animation cursor shows. */
    static final double CAPTION = 16;

    private final TimeAxis axis;
    private final Tooltip tooltip = new Tooltip();
    private SimResult result;
    private final Map<Lane, List<SimEvent>> byLane = new EnumMap<>(Lane.class);
    private List<TimelineMarks.Mark> marks = List.of();
    private AnimationCursor cursor;
    private double dragX = Double.NaN;
    private int barsDrawn;
    private boolean cursorHidden;
    private boolean cursorCaption = true;
    private final javafx.beans.InvalidationListener redrawOnAxis = o -> requestDraw();

    /** A timeline drawn on {@code axis} (shared with the other views of the panel). */
    public TimelineView(TimeAxis axis) {
        this.axis = axis;
        setMinHeight(100);
        setPrefHeight(170);
        // weak: the panel builds new views on every simulation; the shared axis must not keep the old ones alive
        axis.startProperty().addListener(new javafx.beans.WeakInvalidationListener(redrawOnAxis));
        axis.endProperty().addListener(new javafx.beans.WeakInvalidationListener(redrawOnAxis));
        tooltip.setShowDelay(Duration.millis(150));
        tooltip.setHideDelay(Duration.millis(100));
        Tooltip.install(this, tooltip);
        setOnScroll(e -> {
            if (result == null || e.getDeltaY() == 0 || !e.isShortcutDown()) return; // a plain wheel scrolls the page
            double w = plotWidth();
            double anchor = axis.cycle(Math.max(0, e.getX() - GUTTER), w);
            axis.zoom(e.getDeltaY() > 0 ? 1 / 1.25 : 1.25, anchor);
            e.consume();
        });
        setOnMousePressed(e -> dragX = e.getX());
        setOnMouseDragged(e -> {
            if (Double.isNaN(dragX)) return;
            double dx = e.getX() - dragX;
            dragX = e.getX();
            axis.pan(-dx / plotWidth() * axis.span());
        });
        setOnMouseReleased(e -> dragX = Double.NaN);
        setOnMouseMoved(e -> {
            String text = describeAt(e.getX(), e.getY());
            tooltip.setText(text == null ? "" : text);
            if (text == null) tooltip.hide();
            // in the right half the tooltip opens to the left of the pointer, so the window edge does not cut it
            tooltip.setAnchorLocation(e.getX() > getWidth() / 2 ? javafx.stage.PopupWindow.AnchorLocation.CONTENT_TOP_RIGHT
                    : javafx.stage.PopupWindow.AnchorLocation.CONTENT_TOP_LEFT);
        });
    }

    /** Shows {@code r} (null clears). */
    public void setResult(SimResult r) {
        result = r;
        byLane.clear();
        if (r != null) for (Lane l : LANES) byLane.put(l, r.eventsOn(l));
        marks = r == null ? List.of() : TimelineMarks.of(r);
        requestDraw();
    }

    public SimResult result() { return result; }

    /** Moves the animation cursor (null hides it). */
    public void setCursor(AnimationCursor c) {
        cursor = c;
        requestDraw();
    }

    /** The x of the animation cursor's line in this view's coordinates, NaN when none is drawn (for exports and tests). */
    public double cursorX() {
        if (cursor == null || cursorHidden || result == null) return Double.NaN;
        return GUTTER + axis.x(cursor.cycle(), plotWidth());
    }

    /** Bars drawn in the last paint (for tests: merging keeps it bounded). */
    public int barsDrawn() { return barsDrawn; }

    double plotWidth() { return Math.max(1, getWidth() - GUTTER); }

    /** Height of one lane, px. */
    double laneHeight() { return Math.max(8, (getHeight() - AXIS - captionHeight()) / LANES.size()); }

    private double captionHeight() { return cursorCaption ? CAPTION : 0; }

    /** Draws the cursor's caption band under the lanes (the default), or leaves it out to give the lanes its height. */
    public void setCursorCaptionShown(boolean shown) {
        cursorCaption = shown;
        requestDraw();
    }

    /** Top of lane {@code i}, px. */
    double laneTop(int i) { return AXIS + i * laneHeight(); }

    /** The lane at pixel y, or null. */
    Lane laneAt(double y) {
        if (y < AXIS) return null;
        int i = (int) ((y - AXIS) / laneHeight());
        return i >= 0 && i < LANES.size() ? LANES.get(i) : null;
    }

    /** Draws without the animation cursor (for exported pictures), or with it again. */
    public void setCursorHidden(boolean hidden) {
        cursorHidden = hidden;
        requestDraw();
    }

    /** The tooltip text for the point (x, y): the event under it with cycles, bytes, tokens and MACs, or null. */
    public String describeAt(double x, double y) {
        if (result == null || x < GUTTER) return null;
        Lane lane = laneAt(y);
        if (lane == null) return null;
        double w = plotWidth();
        double c = axis.cycle(x - GUTTER, w);
        double slack = axis.span() / w * 2; // two pixels
        List<SimEvent> ev = byLane.get(lane);
        SimEvent e = LaneBars.at(ev, c);
        if (e == null) e = LaneBars.at(ev, c + slack);
        if (e == null || e.startCycle() > c + slack) return null;
        return describe(e, result.hardware());
    }

    /** A multi-line description of one event. */
    public static String describe(SimEvent e, HardwareConfig hw) {
        StringBuilder sb = new StringBuilder();
        sb.append(e.lane().label()).append(": ").append(e.label()).append("  [").append(e.task()).append(", inference ")
                .append(e.inference() + 1).append("]\n");
        sb.append(String.format(Locale.ROOT, "cycles %,.0f .. %,.0f  (%,.0f cycles = %.2f us)%n", e.startCycle(), e.endCycle(),
                e.durationCycles(), hw.cyclesToUs(e.durationCycles())));
        if (e.weightBytes() > 0) sb.append(String.format(Locale.ROOT, "weights over DDR: %,d bytes%n", e.weightBytes()));
        if (e.activationBytes() > 0) sb.append(String.format(Locale.ROOT, "activations over DDR: %,d bytes%n", e.activationBytes()));
        if (e.tokens() > 0) sb.append(String.format(Locale.ROOT, "tokens: %d%n", e.tokens()));
        if (e.macs() > 0) sb.append(String.format(Locale.ROOT, "MACs: %,d%n", e.macs()));
        if (!e.buffer().isEmpty()) sb.append("buffer: ").append(e.buffer()).append('\n');
        return sb.toString().strip();
    }

    /** Draws again now (for benchmarks; the view redraws by itself on every change). */
    public void redraw() { drawNow(); }

    @Override
    protected void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = getWidth(), h = getHeight();
        g.setFill(PanelColors.BACKGROUND);
        g.fillRect(0, 0, w, h);
        barsDrawn = 0;
        if (w <= GUTTER || h <= AXIS + captionHeight()) return;
        double pw = plotWidth(), lh = laneHeight();
        g.setFont(font(11));
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < LANES.size(); i++) {
            double y = AXIS + i * lh;
            g.setFill(i % 2 == 0 ? PanelColors.LANE_EVEN : PanelColors.LANE_ODD);
            g.fillRect(GUTTER, y, pw, lh);
            g.setFill(PanelColors.TEXT);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(LANES.get(i).label(), 6, y + lh / 2);
        }
        drawAxis(g, pw);
        if (result == null) return;
        g.save();
        g.beginPath();
        g.rect(GUTTER, 0, pw, h);
        g.clip();
        drawMarks(g, pw, h, false);
        for (int i = 0; i < LANES.size(); i++) {
            Lane lane = LANES.get(i);
            double y = AXIS + i * lh + 2, bh = lh - 4;
            for (LaneBars.Bar b : LaneBars.of(byLane.get(lane), axis, pw, 1.0)) {
                barsDrawn++;
                double x0 = GUTTER + Math.max(-2, b.x0()), x1 = GUTTER + Math.min(pw + 2, b.x1());
                g.setFill(b.merged() ? EventColors.merged(b.first()) : EventColors.of(b.first()));
                g.fillRect(x0, y, Math.max(1, x1 - x0), bh);
                if (tokenWork(b.first())) {
                    g.setStroke(PanelColors.TOKEN_WORK);
                    g.setLineWidth(2);
                    g.strokeRect(x0 + 1, y + 1, Math.max(1, x1 - x0 - 2), bh - 2);
                }
                if (highlighted(b.first())) {
                    g.setStroke(Color.WHITE);
                    g.setLineWidth(2);
                    g.strokeRect(x0, y - 1, Math.max(2, x1 - x0), bh + 2);
                }
                if (!b.merged() && x1 - x0 > 46 && bh >= 11) {
                    g.setFill(PanelColors.TEXT_ON_BAR);
                    g.setTextAlign(TextAlignment.LEFT);
                    g.fillText(shortLabel(b.first()), x0 + 3, y + bh / 2, x1 - x0 - 6);
                }
            }
        }
        drawMarks(g, pw, h, true);
        double lanesBottom = AXIS + LANES.size() * lh;
        if (cursor != null && !cursorHidden) {
            double x = GUTTER + axis.x(cursor.cycle(), pw);
            g.setStroke(PanelColors.CURSOR);
            g.setLineWidth(2);
            g.strokeLine(x, AXIS, x, lanesBottom);
            if (cursorCaption) { // in its own band under the lanes, beside the line, never over the bars
                g.setFill(PanelColors.CURSOR_TEXT);
                String text = cursorText(cursor);
                double tw = org.m3vit.visualizer.view.TextWidth.of(text, font(11));
                // right of the line if it fits, else left of it, else from the plot's left edge (never cut by the gutter)
                double tx = x + 4 + tw <= GUTTER + pw ? x + 4 : x - 4 - tw >= GUTTER ? x - 4 - tw : GUTTER + 2;
                g.setTextAlign(TextAlignment.LEFT);
                g.fillText(text, tx, lanesBottom + CAPTION / 2);
            }
        }
        g.restore();
    }

    /** What the cursor shows, e.g. "b4: computing e2 while e5 loads; token 45 -> e1, e6". */
    static String cursorText(AnimationCursor cursor) {
        StringBuilder sb = new StringBuilder("b").append(cursor.layer().substring(6));
        int load = cursor.loading(), comp = cursor.computing();
        if (load >= 0 && load == comp) sb.append(": e").append(comp).append(" computing as its weights arrive");
        else if (load >= 0 && comp >= 0) sb.append(": computing e").append(comp).append(" while e").append(load).append(" loads");
        else if (load >= 0) sb.append(": loading e").append(load);
        else if (comp >= 0) sb.append(": computing e").append(comp);
        if (cursor.token() >= 0) {
            sb.append("; token ").append(cursor.token()).append(" -> ");
            for (int i = 0; i < cursor.tokenExperts().length; i++) sb.append(i > 0 ? ", e" : "e").append(cursor.tokenExperts()[i]);
        }
        return sb.toString();
    }

    /** Expert computation of the selected token's experts in the cursor's layer. */
    private boolean tokenWork(SimEvent e) {
        return cursor != null && cursor.token() >= 0 && e.lane() == Lane.LINEAR && e.expert() >= 0 && e.inference() == cursor.inference()
                && e.layer().equals(cursor.layer()) && cursor.tokenUses(e.expert());
    }

    private boolean highlighted(SimEvent e) {
        if (cursor == null || e.expert() < 0) return false;
        return e.index() == cursor.loadingEvent() || e.index() == cursor.computingEvent();
    }

    private static String shortLabel(SimEvent e) {
        String s = e.op();
        if (e.expert() >= 0) s = "e" + e.expert() + " " + s.replace("expert ", "");
        return s;
    }

    private void drawMarks(GraphicsContext g, double pw, double h, boolean switches) {
        List<TimelineMarks.Mark> visible = new ArrayList<>();
        for (TimelineMarks.Mark m : marks) if (m.taskSwitch() == switches && m.cycle() >= axis.start() && m.cycle() <= axis.end()) visible.add(m);
        double lastLabel = -1e9;
        for (TimelineMarks.Mark m : visible) {
            double x = GUTTER + axis.x(m.cycle(), pw);
            double bottom = AXIS + LANES.size() * laneHeight();
            if (switches) {
                g.setStroke(PanelColors.AMBER);
                g.setLineWidth(2.5);
                g.strokeLine(x, AXIS - 14, x, bottom);
                // in the label band above the lanes (not on the weight loads), over the block labels it covers
                double tw = 6.5 * m.label().length() + 6;
                g.setFill(PanelColors.BACKGROUND);
                g.fillRect(x + 1, AXIS - 14, tw, 13);
                g.setFill(PanelColors.AMBER);
                g.setTextAlign(TextAlignment.LEFT);
                g.fillText(m.label(), x + 3, AXIS - 7);
            } else {
                g.setStroke(PanelColors.GRID);
                g.setLineWidth(1);
                g.strokeLine(x, AXIS, x, bottom);
                if (x - lastLabel > 22) {
                    g.setFill(PanelColors.MUTED_TEXT);
                    g.setTextAlign(TextAlignment.LEFT);
                    g.fillText(m.label(), x + 2, AXIS - 7);
                    lastLabel = x;
                }
            }
        }
    }

    private void drawAxis(GraphicsContext g, double pw) {
        g.setFill(PanelColors.MUTED_TEXT);
        g.setTextAlign(TextAlignment.RIGHT);
        if (result == null) {
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText("no simulation yet", GUTTER + 6, AXIS / 2);
            return;
        }
        double fromUs = result.hardware().cyclesToUs(axis.start()), toUs = result.hardware().cyclesToUs(axis.end());
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(String.format(Locale.ROOT, "%s .. %s", TimeFormat.us(fromUs), TimeFormat.us(toUs)), 6, 7, GUTTER - 8);
        // round ticks in microseconds, about one per 90 px, labelled in us or ms
        org.m3vit.visualizer.legend.NiceTicks.Ticks ticks = org.m3vit.visualizer.legend.NiceTicks.of(fromUs, toUs, Math.max(3, (int) (pw / 90)));
        g.setStroke(PanelColors.GRID);
        g.setLineWidth(1);
        for (double t : ticks.values()) {
            double x = GUTTER + (t - fromUs) / (toUs - fromUs) * pw;
            if (x < GUTTER + 1 || x > GUTTER + pw - 1) continue;
            g.strokeLine(x, 12, x, 16);
            g.setTextAlign(x > GUTTER + pw - 30 ? TextAlignment.RIGHT : TextAlignment.CENTER);
            g.fillText(tickLabel(t, toUs - fromUs), x, 6);
        }
    }

    /** A tick in ms when the view spans more than 2 ms, else in us, with the decimals its step needs. */
    static String tickLabel(double us, double spanUs) {
        if (spanUs > 2000) return trim(String.format(Locale.ROOT, "%.3f", us / 1000)) + " ms";
        return trim(String.format(Locale.ROOT, "%.3f", us)) + " us";
    }

    private static String trim(String s) {
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
