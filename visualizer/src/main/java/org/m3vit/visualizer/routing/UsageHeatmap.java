package org.m3vit.visualizer.routing;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.VPos;
import org.m3vit.visualizer.view.CanvasRegion;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.m3vit.visualizer.color.ColorMap;

import java.util.List;

/**
 * Expert usage as a heatmap: one row per MoE layer, one column per expert, each cell coloured
 * and labelled with the number of tokens routed there. Clicking a row selects that layer.
 */
public class UsageHeatmap extends CanvasRegion {

    /** A cell of the heatmap: layer position (row) and expert (column). */
    public record Cell(int layer, int expert, int tokens) { }

    private static final double LEFT = 64, TOP = 20;
    private final IntegerProperty selectedLayer = new SimpleIntegerProperty(this, "selectedLayer", 0);
    private final ReadOnlyObjectWrapper<Cell> hovered = new ReadOnlyObjectWrapper<>(this, "hovered");
    private int[][] counts = new int[0][0];
    private List<String> rowLabels = List.of();
    private int scaleMax = 0;
    private ColorMap map = ColorMap.MAGMA;

    /** An empty heatmap. */
    public UsageHeatmap() {
        getStyleClass().add("usage-heatmap");
        selectedLayer.addListener(o -> requestDraw());
        canvas.setOnMouseMoved(e -> hovered.set(cellAt(e.getX(), e.getY())));
        canvas.setOnMouseExited(e -> hovered.set(null));
        canvas.setOnMouseClicked(e -> {
            Cell c = cellAt(e.getX(), e.getY());
            if (c != null) selectedLayer.set(c.layer());
        });
    }

    /** Shows {@code counts[layer][expert]} with row labels; {@code max} fixes the colour scale (0 = own maximum). */
    public void setData(int[][] counts, List<String> rowLabels, int max) {
        this.counts = counts;
        this.rowLabels = rowLabels;
        this.scaleMax = max;
        requestLayout();
        requestDraw();
    }

    /** The colour map of the cells. */
    public void setColorMap(ColorMap map) {
        this.map = map;
        requestDraw();
    }

    /** The highlighted layer (row). */
    public IntegerProperty selectedLayerProperty() { return selectedLayer; }

    /** The cell under the mouse, null outside. */
    public ReadOnlyObjectProperty<Cell> hoveredProperty() { return hovered.getReadOnlyProperty(); }

    /** The number drawn in a cell: for tests. */
    public int tokens(int layer, int expert) { return counts[layer][expert]; }

    @Override
    protected double computePrefWidth(double height) { return LEFT + 8 + Math.max(1, columns()) * 34; }

    @Override
    protected double computePrefHeight(double width) { return TOP + 8 + Math.max(1, counts.length) * 26; }

    @Override
    protected double computeMinHeight(double width) { return TOP + 8 + Math.max(1, counts.length) * 16; }

    private int columns() { return counts.length == 0 ? 0 : counts[0].length; }

    private double cellW() { return Math.max(8, (getWidth() - LEFT - 8) / Math.max(1, columns())); }

    private double cellH() { return Math.max(8, Math.min(34, (getHeight() - TOP - 8) / Math.max(1, counts.length))); }

    private Cell cellAt(double x, double y) {
        int c = (int) Math.floor((x - LEFT) / cellW());
        int r = (int) Math.floor((y - TOP) / cellH());
        if (x < LEFT || y < TOP || r < 0 || c < 0 || r >= counts.length || c >= columns()) return null;
        return new Cell(r, c, counts[r][c]);
    }

    @Override
    protected void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        if (counts.length == 0) return;
        int max = scaleMax;
        if (max <= 0) for (int[] row : counts) for (int v : row) max = Math.max(max, v);
        double cw = cellW(), ch = cellH();
        g.setFont(font(Math.min(12, ch * 0.5)));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(Color.gray(0.2));
        for (int e = 0; e < columns(); e++) g.fillText("E" + e, LEFT + (e + 0.5) * cw, TOP / 2);
        for (int r = 0; r < counts.length; r++) {
            g.setTextAlign(TextAlignment.RIGHT);
            g.setFill(Color.gray(0.2));
            g.fillText(r < rowLabels.size() ? rowLabels.get(r) : "layer " + r, LEFT - 6, TOP + (r + 0.5) * ch);
            g.setTextAlign(TextAlignment.CENTER);
            for (int e = 0; e < counts[r].length; e++) {
                double t = max == 0 ? 0 : counts[r][e] / (double) max;
                double[] c = map.rgb(0.08 + 0.92 * t);
                g.setFill(Color.color(c[0], c[1], c[2]));
                g.fillRect(LEFT + e * cw, TOP + r * ch, cw - 1, ch - 1);
                boolean light = 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2] > 0.5;
                g.setFill(light ? Color.BLACK : Color.WHITE);
                if (cw >= 18) g.fillText(Integer.toString(counts[r][e]), LEFT + (e + 0.5) * cw, TOP + (r + 0.5) * ch);
            }
        }
        int sel = selectedLayer.get();
        if (sel >= 0 && sel < counts.length) {
            g.setStroke(Color.web("#00b4ff"));
            g.setLineWidth(2.5);
            g.strokeRect(LEFT - 1, TOP + sel * ch - 1, columns() * cw + 1, ch + 1);
            g.setLineWidth(1);
        }
    }
}
