package org.m3vit.visualizer.legend;

import javafx.geometry.VPos;
import org.m3vit.visualizer.view.CanvasRegion;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.m3vit.visualizer.color.ColorMap;


/** A horizontal colour bar with ticks in the data's unit (e.g. metres) and a marker at the value under the cursor. */
public class ColorBar extends CanvasRegion {

    private ColorMap map = ColorMap.VIRIDIS;
    private double lo = 0, hi = 1;
    private String unit = "";
    private double marker = Double.NaN;

    /** A bar for the viridis map over [0, 1]. */
    public ColorBar() {
        setMinHeight(40);
        setPrefHeight(40);
        setMaxHeight(40);
        getStyleClass().add("color-bar");
    }

    /** Sets map, range and unit label. */
    public void set(ColorMap map, double lo, double hi, String unit) {
        this.map = map;
        this.lo = lo;
        this.hi = hi;
        this.unit = unit;
        requestDraw();
    }

    /** Marks {@code value} on the bar (NaN hides the marker). */
    public void mark(double value) {
        marker = value;
        requestDraw();
    }

    @Override
    protected double computePrefWidth(double height) { return 240; }

    @Override
    protected void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = getWidth(), h = getHeight();
        g.clearRect(0, 0, w, h);
        double left = 8, right = w - 8, barH = 14;
        if (right <= left) return;
        for (int x = 0; x < right - left; x++) {
            double[] c = map.rgb(x / (right - left - 1));
            g.setFill(Color.color(c[0], c[1], c[2]));
            g.fillRect(left + x, 2, 1.5, barH);
        }
        g.setStroke(Color.gray(0.4));
        g.strokeRect(left, 2, right - left, barH);
        g.setFill(Color.gray(0.15));
        g.setFont(font(11));
        g.setTextBaseline(VPos.TOP);
        // round values (1, 2, 5 x 10^n), as many as fit without their labels touching; the unit after the last
        Font font = font(11);
        NiceTicks.Ticks ticks = null;
        for (int max = 6; max >= 2; max--) {
            ticks = NiceTicks.of(lo, hi, max);
            if (fits(ticks, font, left, right)) break;
        }
        int n = ticks.values().size();
        for (int i = 0; i < n; i++) {
            double x = position(ticks.values().get(i), left, right);
            g.strokeLine(x, 2 + barH, x, 5 + barH);
            g.setTextAlign(align(x, labelWidth(ticks, i, font), left, right));
            g.fillText(label(ticks, i), x, 6 + barH);
        }
        if (!Double.isNaN(marker) && hi > lo) {
            double t = Math.max(0, Math.min(1, (marker - lo) / (hi - lo)));
            double x = left + t * (right - left);
            g.setFill(Color.WHITE);
            g.setStroke(Color.BLACK);
            g.fillPolygon(new double[] {x - 5, x + 5, x}, new double[] {0, 0, 8}, 3);
            g.strokePolygon(new double[] {x - 5, x + 5, x}, new double[] {0, 0, 8}, 3);
        }
    }

    private double position(double v, double left, double right) {
        return hi > lo ? left + (v - lo) / (hi - lo) * (right - left) : (left + right) / 2;
    }

    private String label(NiceTicks.Ticks t, int i) {
        return t.labels().get(i) + (i == t.values().size() - 1 && !unit.isEmpty() ? " " + unit : "");
    }

    private double labelWidth(NiceTicks.Ticks t, int i, Font font) {
        return org.m3vit.visualizer.view.TextWidth.of(label(t, i), font);
    }

    /** Centred under its tick unless that would run past an end of the bar. */
    private static TextAlignment align(double x, double width, double left, double right) {
        if (x - width / 2 < left - 6) return TextAlignment.LEFT;
        if (x + width / 2 > right + 6) return TextAlignment.RIGHT;
        return TextAlignment.CENTER;
    }

    /** True when every label fits with 6 px between neighbours. */
    private boolean fits(NiceTicks.Ticks t, Font font, double left, double right) {
        double end = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < t.values().size(); i++) {
            double x = position(t.values().get(i), left, right), w = labelWidth(t, i, font);
            double start = switch (align(x, w, left, right)) {
                case LEFT -> x;
                case RIGHT -> x - w;
                default -> x - w / 2;
            };
            if (start < end + 6) return false;
            end = start + w;
        }
        return true;
    }
}
