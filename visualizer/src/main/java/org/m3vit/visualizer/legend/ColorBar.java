package org.m3vit.visualizer.legend;

import javafx.geometry.VPos;
import org.m3vit.visualizer.view.CanvasRegion;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.m3vit.visualizer.color.ColorMap;

import java.util.Locale;

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
        draw();
    }

    /** Marks {@code value} on the bar (NaN hides the marker). */
    public void mark(double value) {
        marker = value;
        draw();
    }

    @Override
    protected double computePrefWidth(double height) { return 240; }

    @Override
    protected void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
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
        g.setFont(Font.font(11));
        g.setTextBaseline(VPos.TOP);
        int ticks = Math.max(2, Math.min(6, (int) ((right - left) / 75) + 1));
        for (int i = 0; i < ticks; i++) {
            double t = i / (double) (ticks - 1);
            double x = left + t * (right - left);
            g.strokeLine(x, 2 + barH, x, 5 + barH);
            g.setTextAlign(i == 0 ? TextAlignment.LEFT : i == ticks - 1 ? TextAlignment.RIGHT : TextAlignment.CENTER);
            String s = format(lo + t * (hi - lo)) + (i == ticks - 1 && !unit.isEmpty() ? " " + unit : "");
            g.fillText(s, x, 6 + barH);
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

    private static String format(double v) {
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }
}
